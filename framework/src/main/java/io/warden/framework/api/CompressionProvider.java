package io.warden.framework.api;

/** Compresses data for {@code compressed()} writes and {@code decompressed()} reads. */
public interface CompressionProvider {
    byte[] compress(String path, byte[] data) throws Exception;

    byte[] decompress(String path, byte[] compressedData) throws Exception;
}
