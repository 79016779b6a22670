package dev.crmmirror.sandbox.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The users, accounts, contacts, campaigns, converted deals and tags that generated records point
 * at. One per sandbox and immutable, so a lookup id always comes with the same name.
 */
public final class Directory {
    private final Map<EntityKind, List<Entity>> byKind = new EnumMap<>(EntityKind.class);
    private final Map<String, Entity> byId = new HashMap<>();

    private Directory() { }

    public static Directory create(long seed, IdSequence ids) {
        SplittableRandom random = new SplittableRandom(seed);
        Directory directory = new Directory();
        for (int i = 0; i < 12; i++) {
            String first = SampleText.FIRST_NAMES.get(i % SampleText.FIRST_NAMES.size());
            String last = SampleText.LAST_NAMES.get((i * 7) % SampleText.LAST_NAMES.size());
            directory.add(EntityKind.USER, ids.next(random), Map.of("first_name", first, "last_name", last,
                    "full_name", first + " " + last, "email", Draw.email(random, first, last)));
        }
        for (int i = 0; i < 200; i++) {
            directory.add(EntityKind.ACCOUNT, ids.next(random), Map.of("Account_Name", Draw.companyName(random)));
        }
        for (int i = 0; i < 400; i++) {
            String first = Draw.pick(random, SampleText.FIRST_NAMES);
            String last = Draw.pick(random, SampleText.LAST_NAMES);
            directory.add(EntityKind.CONTACT, ids.next(random), Map.of("First_Name", first, "Last_Name", last,
                    "Full_Name", first + " " + last, "Email", Draw.email(random, first, last)));
        }
        for (String campaign : SampleText.CAMPAIGNS) {
            directory.add(EntityKind.CAMPAIGN, ids.next(random), Map.of("Campaign_Name", campaign));
        }
        for (int i = 0; i < 100; i++) {
            directory.add(EntityKind.DEAL, ids.next(random), Map.of("Deal_Name",
                    Draw.companyName(random) + " – " + Draw.pick(random, SampleText.PRODUCTS)));
        }
        for (String tag : SampleText.TAGS) {
            directory.add(EntityKind.TAG, ids.next(random), Map.of("name", tag));
        }
        return directory;
    }

    private void add(EntityKind kind, String id, Map<String, String> attributes) {
        Entity entity = new Entity(id, kind, attributes);
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(entity);
        byId.put(id, entity);
    }

    public Entity pick(EntityKind kind, SplittableRandom random) {
        return Draw.pick(random, byKind.get(kind));
    }

    /** The entity a lookup value's id points at, or null for ids the sandbox never issued. */
    public Entity find(String id) {
        return byId.get(id);
    }
}
