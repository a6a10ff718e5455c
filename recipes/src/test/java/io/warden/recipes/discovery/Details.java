package io.warden.recipes.discovery;

import java.util.Objects;

/** A payload both Warden's and Curator's serializers bind (public fields, no-arg constructor). */
public class Details {
    public String region;
    public int weight;

    public Details() {}

    public Details(String region, int weight) {
        this.region = region;
        this.weight = weight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Details d && d.weight == weight && Objects.equals(d.region, region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, weight);
    }
}
