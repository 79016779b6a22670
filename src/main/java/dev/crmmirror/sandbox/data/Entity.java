package dev.crmmirror.sandbox.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user, account, contact, campaign, deal or tag that records point at; immutable. */
public final class Entity {
    private final String id;
    private final Map<String, String> attributes;
    private final Map<String, Object> lookupValue;

    Entity(String id, EntityKind kind, Map<String, String> attributes) {
        this.id = id;
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.put("id", id);
        this.attributes = Collections.unmodifiableMap(all);
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("name", all.get(kind.nameAttribute()));
        lookup.put("id", id);
        // shared by every record that points here, so it must not be mutable
        this.lookupValue = Collections.unmodifiableMap(lookup);
    }

    public String id() { return id; }

    public String attribute(String name) { return attributes.get(name); }

    /** The JSON value of a lookup to this entity: {@code {"name": ..., "id": ...}}. */
    public Map<String, Object> lookupValue() { return lookupValue; }
}
