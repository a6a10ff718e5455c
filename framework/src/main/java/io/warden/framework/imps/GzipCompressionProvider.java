package io.warden.framework.imps;

import io.warden.framework.api.CompressionProvider;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip (RFC 1952), readable by Curator's GzipCompressionProvider and any gunzip. */
public class GzipCompressionProvider implements CompressionProvider {
    @Override
    public byte[] compress(String path, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, data.length / 2));
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] decompress(String path, byte[] compressedData) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressedData))) {
            return in.readAllBytes();
        }
    }
}
