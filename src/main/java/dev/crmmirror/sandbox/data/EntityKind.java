package dev.crmmirror.sandbox.data;

import java.util.List;

/**
 * What a lookup points at, and the attributes COQL can reach through it with a dotted column
 * ({@code Owner.last_name}, {@code Account_Name.Account_Name}).
 */
public enum EntityKind {
    /** COQL (v7+) names a user by last name only (zoho-api.md §2.7). */
    USER("last_name", List.of("first_name", "last_name", "full_name", "email", "id")),
    ACCOUNT("Account_Name", List.of("Account_Name", "id")),
    CONTACT("Full_Name", List.of("First_Name", "Last_Name", "Full_Name", "Email", "id")),
    CAMPAIGN("Campaign_Name", List.of("Campaign_Name", "id")),
    DEAL("Deal_Name", List.of("Deal_Name", "id")),
    TAG("name", List.of("name", "id"));

    private final String nameAttribute;
    private final List<String> attributes;

    EntityKind(String nameAttribute, List<String> attributes) {
        this.nameAttribute = nameAttribute;
        this.attributes = attributes;
    }

    /** The attribute shown as {@code name} in a lookup value. */
    public String nameAttribute() { return nameAttribute; }

    public boolean hasAttribute(String attribute) { return attributes.contains(attribute); }
}
