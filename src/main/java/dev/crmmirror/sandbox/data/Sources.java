package dev.crmmirror.sandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/** Building blocks for field values; {@link StandardModules} composes them per field. */
final class Sources {
    private static final long DAY = Duration.ofDays(1).toSeconds();

    private Sources() { }

    static ValueSource recordId() {
        return (record, random) -> record.id();
    }

    static ValueSource createdTime() {
        return (record, random) -> ZohoTime.format(record.createdEpoch(), record.offset());
    }

    static ValueSource modifiedTime() {
        return (record, random) -> ZohoTime.format(record.modifiedEpoch(), record.offset());
    }

    static ValueSource constant(Object value) {
        return (record, random) -> value;
    }

    /** The share of empty optional fields, as in a real CRM where most forms are half filled. */
    static ValueSource optional(ValueSource source) {
        return sometimes(0.8, source);
    }

    static ValueSource sometimes(double presence, ValueSource source) {
        return (record, random) -> Draw.chance(random, presence) ? source.generate(record, random) : null;
    }

    /** A value only while another field's value satisfies the condition (conversion data, visit data). */
    static ValueSource when(String field, Predicate<Object> condition, ValueSource source) {
        return (record, random) -> condition.test(record.value(field)) ? source.generate(record, random) : null;
    }

    static ValueSource pick(List<String> values) {
        return (record, random) -> Draw.pick(random, values);
    }

    static ValueSource text(List<String> values) {
        return (record, random) -> Draw.stray(random, Draw.pick(random, values));
    }

    static ValueSource entity(EntityKind kind) {
        return (record, random) -> record.directory().pick(kind, random).lookupValue();
    }

    /** The creator unless the record was changed after creation, then any user. */
    static ValueSource modifiedBy() {
        return (record, random) -> record.modifiedEpoch() == record.createdEpoch()
                ? record.value("Created_By")
                : record.directory().pick(EntityKind.USER, random).lookupValue();
    }

    static ValueSource integer(int min, int max) {
        return (record, random) -> min + random.nextInt(max - min + 1);
    }

    static ValueSource bigintText(long min, long max) {
        return (record, random) -> Long.toString(random.nextLong(min, max + 1));
    }

    static ValueSource money(long min, long max) {
        return (record, random) -> BigDecimal.valueOf(random.nextLong(min * 100, max * 100 + 1), 2);
    }

    static ValueSource decimal(double min, double max) {
        return (record, random) -> BigDecimal.valueOf(random.nextDouble(min, max)).setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    static ValueSource bool(double trueRate) {
        return (record, random) -> Draw.chance(random, trueRate);
    }

    static ValueSource timeBetweenCreatedAndModified() {
        return (record, random) -> ZohoTime.format(
                random.nextLong(record.createdEpoch(), record.modifiedEpoch() + 1), record.offset());
    }

    static ValueSource timeBeforeCreated(Duration within) {
        return (record, random) -> ZohoTime.format(
                record.createdEpoch() - random.nextLong(within.toSeconds() + 1), record.offset());
    }

    static ValueSource dateAfterCreated(int minDays, int maxDays) {
        return (record, random) -> LocalDate.ofEpochDay(Math.floorDiv(
                record.createdEpoch() + (long) random.nextInt(minDays, maxDays + 1) * DAY, DAY)).toString();
    }

    static ValueSource email() {
        return (record, random) -> Draw.stray(random, Draw.email(random,
                (String) record.value("First_Name"), (String) record.value("Last_Name")));
    }

    static ValueSource anyEmail() {
        return (record, random) -> Draw.email(random, Draw.pick(random, SampleText.FIRST_NAMES),
                Draw.pick(random, SampleText.LAST_NAMES));
    }

    static ValueSource phone() {
        return (record, random) -> Draw.digits(random, Draw.pick(random, SampleText.PHONE_PATTERNS));
    }

    static ValueSource company() {
        return (record, random) -> Draw.stray(random, Draw.companyName(random));
    }

    static ValueSource dealName() {
        return (record, random) -> Draw.stray(random,
                Draw.companyName(random) + " – " + Draw.pick(random, SampleText.PRODUCTS));
    }

    static ValueSource handle() {
        return (record, random) -> Draw.email(random, null, (String) record.value("Last_Name")).split("@")[0]
                .replace("'", "") + random.nextInt(100);
    }

    /** One to four sentences over several lines, mixing \n and \r\n as pasted text does. */
    static ValueSource paragraphs() {
        return (record, random) -> {
            StringBuilder text = new StringBuilder(Draw.pick(random, SampleText.SENTENCES));
            for (int n = random.nextInt(4); n > 0; n--) {
                text.append(Draw.chance(random, 0.3) ? "\r\n" : "\n").append(Draw.pick(random, SampleText.SENTENCES));
            }
            return text.toString();
        };
    }

    static ValueSource fullName() {
        return (record, random) -> {
            StringBuilder name = new StringBuilder();
            for (String part : new String[] {"Salutation", "First_Name", "Last_Name"}) {
                Object value = record.value(part);
                if (value instanceof String s && !s.isBlank()) {
                    if (name.length() > 0) name.append(' ');
                    name.append(s.strip());
                }
            }
            return name.toString();
        };
    }

    /** A few distinct choices, kept in the list's order like Zoho does. */
    static ValueSource multiselect(List<String> values) {
        return (record, random) -> {
            List<String> chosen = new ArrayList<>();
            int wanted = 1 + random.nextInt(3);
            for (String value : values) {
                if (chosen.size() < wanted && Draw.chance(random, (double) wanted / values.size())) chosen.add(value);
            }
            return chosen.isEmpty() ? List.of(values.get(0)) : List.copyOf(chosen);
        };
    }

    /** Zero to three tags; an untagged record has an empty array, not null. */
    static ValueSource tags() {
        return (record, random) -> {
            List<Object> tags = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                Object tag = record.directory().pick(EntityKind.TAG, random).lookupValue();
                if (!tags.contains(tag)) tags.add(tag);
            }
            return List.copyOf(tags);
        };
    }

    static ValueSource imageHash() {
        return (record, random) -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    static ValueSource exchangeRate() {
        return (record, random) -> switch (String.valueOf(record.value("Currency"))) {
            case "EUR" -> new BigDecimal("0.92");
            case "INR" -> new BigDecimal("83.12");
            case "JPY" -> new BigDecimal("151.5");
            case "GBP" -> new BigDecimal("0.79");
            default -> BigDecimal.ONE;
        };
    }

    static ValueSource probabilityByStage() {
        return (record, random) -> switch (String.valueOf(record.value("Stage"))) {
            case "Qualification" -> 10;
            case "Needs Analysis" -> 20;
            case "Value Proposition" -> 40;
            case "Identify Decision Makers" -> 60;
            case "Proposal/Price Quote" -> 75;
            case "Negotiation/Review" -> 90;
            case "Closed Won" -> 100;
            default -> 0;
        };
    }

    static ValueSource expectedRevenue() {
        return (record, random) -> record.value("Amount") instanceof BigDecimal amount
                && record.value("Probability") instanceof Integer probability
                ? amount.multiply(BigDecimal.valueOf(probability)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                : null;
    }

    /** Values for a custom field added at run time, by its data type. */
    static ValueSource forType(DataType type) {
        ValueSource source = switch (type) {
            case TEXT -> text(SampleText.NEXT_STEPS);
            case TEXTAREA -> paragraphs();
            case EMAIL -> anyEmail();
            case PHONE -> phone();
            case WEBSITE -> pick(SampleText.WEBSITES);
            case PICKLIST -> pick(List.of("Option 1", "Option 2", "Option 3", "Öption 4"));
            case MULTISELECT -> multiselect(SampleText.LANGUAGES);
            case INTEGER -> integer(0, 100_000);
            case BIGINT -> bigintText(0, 999_999_999_999L);
            case DOUBLE, PERCENT -> decimal(0, 100);
            case CURRENCY -> money(0, 1_000_000);
            case BOOLEAN -> bool(0.5);
            case DATE -> dateAfterCreated(-365, 365);
            case DATETIME -> timeBetweenCreatedAndModified();
            case LOOKUP -> entity(EntityKind.ACCOUNT);
            case OWNERLOOKUP -> entity(EntityKind.USER);
            default -> throw new IllegalArgumentException("custom fields of type " + type.apiName()
                    + " are not supported by the sandbox");
        };
        return type == DataType.BOOLEAN ? source : optional(source);
    }
}
