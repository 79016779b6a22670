package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxModuleTest {
    private static final Instant NOW = Instant.parse("2024-06-05T09:04:09Z");
    /** zoho-api.md §3.2, from the official SDK. */
    private static final List<String> LEADS_STANDARD = List.of("Owner", "Company", "Email", "Visitor_Score",
            "Last_Activity_Time", "Industry", "Unsubscribed_Mode", "Exchange_Rate", "Currency", "Street", "Zip_Code",
            "Data_Processing_Basis_Details", "id", "Data_Source", "Enrich_Status__s", "First_Visited_URL", "Days_Visited",
            "Created_Time", "Change_Log_Time__s", "City", "No_of_Employees", "Data_Processing_Basis", "Converted__s",
            "Converted_Date_Time", "Converted_Account", "State", "Country", "Last_Visited_Time", "Created_By",
            "Annual_Revenue", "Secondary_Email", "Description", "Number_Of_Chats", "Rating", "Website", "Twitter",
            "Average_Time_Spent_Minutes", "Salutation", "First_Name", "Lead_Status", "Full_Name", "Record_Image",
            "Modified_By", "Converted_Deal", "Lead_Conversion_Time", "Skype_ID", "Phone", "Email_Opt_Out", "Designation",
            "Modified_Time", "Unsubscribed_Time", "Converted_Contact", "Mobile", "Territories", "Record_Status__s",
            "First_Visited_Time", "Last_Name", "Layout", "Referrer", "Locked__s", "Lead_Source", "Tag", "Fax",
            "Last_Enriched_Time__s");
    private static final List<String> DEALS_STANDARD = List.of("Owner", "Description", "Campaign_Source", "Closing_Date",
            "Last_Activity_Time", "Reason_For_Loss__s", "Modified_By", "Lead_Conversion_Time", "Deal_Name",
            "Exchange_Rate", "Expected_Revenue", "Currency", "Overall_Sales_Duration", "Stage", "Account_Name", "id",
            "Modified_Time", "Territory", "Created_Time", "Amount", "Probability", "Next_Step", "Change_Log_Time__s",
            "Record_Status__s", "Contact_Name", "Pipeline", "Sales_Cycle_Duration", "Type", "Locked__s", "Lead_Source",
            "Created_By", "Tag");

    private ZohoSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(NOW);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void schemasHaveZohosStandardFieldsAndTypes() {
        Map<String, FieldDef> leads = byName(sandbox.module("Leads").fields());
        assertThat(leads).hasSize(65);
        assertThat(leads.keySet()).containsAll(LEADS_STANDARD).contains("Languages_Known");
        assertThat(leads.values().stream().filter(FieldDef::customField).map(FieldDef::apiName)).containsExactly("Languages_Known");
        assertThat(leads.get("Languages_Known").dataType()).isEqualTo("multiselectpicklist");
        assertThat(leads.get("Owner").dataType()).isEqualTo("ownerlookup");
        assertThat(leads.get("Owner").jsonType()).isEqualTo("jsonobject");
        assertThat(leads.get("Annual_Revenue").dataType()).isEqualTo("currency");
        assertThat(leads.get("No_of_Employees").dataType()).isEqualTo("integer");
        assertThat(leads.get("Email_Opt_Out").dataType()).isEqualTo("boolean");
        assertThat(leads.get("Lead_Source").dataType()).isEqualTo("picklist");
        assertThat(leads.get("Modified_Time").dataType()).isEqualTo("datetime");
        assertThat(leads.get("Tag").jsonType()).isEqualTo("jsonarray");
        assertThat(leads.get("Description").dataType()).isEqualTo("textarea");

        Map<String, FieldDef> deals = byName(sandbox.module("Deals").fields());
        assertThat(deals.keySet()).containsExactlyInAnyOrderElementsOf(DEALS_STANDARD);
        assertThat(deals.get("Closing_Date").dataType()).isEqualTo("date");
        assertThat(deals.get("Account_Name").dataType()).isEqualTo("lookup");
        assertThat(deals.get("Amount").dataType()).isEqualTo("currency");
    }

    @Test
    void generatedDataIsDeterministicFromTheSeed() throws Exception {
        sandbox.module("Leads").generate(200);
        try (ZohoSandbox twin = ZohoSandbox.start(SandboxOptions.defaults());
             ZohoSandbox other = ZohoSandbox.start(SandboxOptions.defaults().withSeed(7))) {
            twin.clock().set(NOW);
            other.clock().set(NOW);
            twin.module("Leads").generate(200);
            other.module("Leads").generate(200);

            assertThat(twin.module("Leads").liveRecords()).isEqualTo(sandbox.module("Leads").liveRecords());
            assertThat(other.module("Leads").liveRecords().values())
                    .isNotEqualTo(sandbox.module("Leads").liveRecords().values());
        }
    }

    @Test
    void generatedValuesAreRealisticAndNasty() {
        sandbox.module("Leads").generate(3000);
        Collection<Map<String, Object>> leads = sandbox.module("Leads").liveRecords().values();
        List<String> texts = leads.stream().flatMap(r -> r.values().stream()).filter(v -> v instanceof String)
                .map(v -> (String) v).toList();

        assertThat(texts).anyMatch(s -> s.contains("'"))
                .anyMatch(s -> s.contains("\""))
                .anyMatch(s -> s.contains("\\"))
                .anyMatch(s -> s.contains("\n"))
                .anyMatch(s -> s.codePoints().anyMatch(Character::isSupplementaryCodePoint))
                .anyMatch(s -> s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .anyMatch(s -> !s.isEmpty() && s.strip().length() < s.length());
        assertThat(share(leads, r -> r.get("First_Name") == null)).isBetween(0.12, 0.28);
        assertThat(share(leads, r -> r.get("Last_Name") == null)).isZero();
        assertThat(leads).allSatisfy(r -> {
            assertThat((String) r.get("id")).matches("\\d{19}");
            if (r.get("Annual_Revenue") != null) assertThat(((BigDecimal) r.get("Annual_Revenue")).scale()).isEqualTo(2);
            Instant created = instant(r.get("Created_Time"));
            Instant modified = instant(r.get("Modified_Time"));
            assertThat(created).isBetween(NOW.minus(Duration.ofDays(731)), modified);
            assertThat(modified).isBeforeOrEqualTo(NOW);
            assertThat(r.get("Tag")).isInstanceOf(List.class);
            assertThat(((String) r.get("Full_Name"))).contains(((String) r.get("Last_Name")).strip());
        });
        assertThat(leads.stream().map(r -> instant(r.get("Created_Time"))).min(Instant::compareTo).orElseThrow())
                .isBefore(NOW.minus(Duration.ofDays(600)));
        List<Map<String, Object>> inIdOrder = leads.stream()
                .sorted((a, b) -> new BigInteger((String) a.get("id")).compareTo(new BigInteger((String) b.get("id"))))
                .toList();
        assertThat(inIdOrder).isSortedAccordingTo((a, b) -> instant(a.get("Created_Time")).compareTo(instant(b.get("Created_Time"))));
    }

    @Test
    void lookupsAreConsistentAndDerivedFieldsAgree() {
        sandbox.module("Deals").generate(1000);
        Map<Object, Object> nameById = new HashMap<>();
        for (Map<String, Object> deal : sandbox.module("Deals").liveRecords().values()) {
            for (String lookup : List.of("Owner", "Account_Name", "Contact_Name", "Campaign_Source", "Created_By")) {
                if (deal.get(lookup) instanceof Map<?, ?> value) {
                    Object previous = nameById.putIfAbsent(value.get("id"), value.get("name"));
                    assertThat(previous).isIn(null, value.get("name"));
                }
            }
            if (deal.get("Amount") instanceof BigDecimal amount) {
                BigDecimal expected = amount.multiply(BigDecimal.valueOf((Integer) deal.get("Probability")))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                assertThat(deal.get("Expected_Revenue")).isEqualTo(expected);
            }
        }
        assertThat(nameById).hasSizeGreaterThan(100);
    }

    @Test
    void createEditAndDeleteUseTheClock() {
        SandboxModule leads = sandbox.module("Leads");
        leads.generate(100);
        sandbox.clock().advance(Duration.ofMinutes(5));
        Instant later = sandbox.clock().now();

        String created = leads.create(1).get(0);
        Map<String, Object> fresh = leads.liveRecords().get(created);
        assertThat(instant(fresh.get("Created_Time"))).isEqualTo(later);
        assertThat(instant(fresh.get("Modified_Time"))).isEqualTo(later);

        Map<String, Map<String, Object>> before = leads.liveRecords();
        List<String> edited = leads.editRandom(10);
        List<String> editable = List.of("Owner", "Salutation", "First_Name", "Last_Name", "Company", "Designation",
                "Email", "Secondary_Email", "Phone", "Mobile", "Fax", "Website", "Twitter", "Skype_ID", "Lead_Source",
                "Lead_Status", "Industry", "Rating", "No_of_Employees", "Annual_Revenue", "Currency", "Email_Opt_Out",
                "Street", "City", "State", "Zip_Code", "Country", "Description", "Tag", "Data_Processing_Basis",
                "Unsubscribed_Mode", "Languages_Known");
        Map<String, Map<String, Object>> after = leads.liveRecords();
        assertThat(edited).hasSize(10);
        for (String id : edited) {
            assertThat(instant(after.get(id).get("Modified_Time"))).isEqualTo(later);
            List<String> changed = before.get(id).keySet().stream()
                    .filter(field -> !Objects.equals(before.get(id).get(field), after.get(id).get(field))).toList();
            assertThat(changed).contains("Modified_Time");
            assertThat(changed.stream().filter(editable::contains).count()).as(changed.toString()).isBetween(1L, 3L);
        }

        String victim = leads.deleteRandom(1).get(0);
        assertThat(leads.deletedRecords()).containsEntry(victim, later);
        assertThat(leads.liveRecords()).doesNotContainKey(victim);
        assertThat(leads.size()).isEqualTo(100);
        assertThatThrownBy(() -> leads.delete(victim)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explicitEditsSetValuesAndMayServeStaleTimes() {
        SandboxModule leads = sandbox.module("Leads");
        String id = leads.generate(1).get(0);

        leads.edit(id, Map.of("Last_Name", "Nguyễn-O'Hara", "Annual_Revenue", new BigDecimal("12.30")));
        Map<String, Object> edited = leads.liveRecords().get(id);
        assertThat(edited.get("Last_Name")).isEqualTo("Nguyễn-O'Hara");
        assertThat(edited.get("Full_Name").toString()).endsWith("Nguyễn-O'Hara");
        assertThat(instant(edited.get("Modified_Time"))).isEqualTo(NOW);

        leads.edit(id, Map.of("Modified_Time", "2020-01-01T00:00:00+00:00"));
        assertThat(leads.liveRecords().get(id).get("Modified_Time")).isEqualTo("2020-01-01T00:00:00+00:00");
        assertThatThrownBy(() -> leads.edit("1", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putStoresExactlyTheRecordAndServesItOverCoql() {
        SandboxModule leads = sandbox.module("Leads");
        Map<String, Object> malformed = new LinkedHashMap<>();
        malformed.put("id", "5725767000009999999");
        malformed.put("Last_Name", null);
        malformed.put("Annual_Revenue", "not a number");
        malformed.put("Modified_Time", "2024-01-01T00:00:00Z");
        Map<String, Object> noId = new LinkedHashMap<>();
        noId.put("Last_Name", "Ghost");
        noId.put("Modified_Time", "2024-02-01T00:00:00+00:00");
        leads.put(malformed);
        leads.put(noId);

        assertThat(leads.liveRecords().get("5725767000009999999")).isEqualTo(malformed);
        assertThat(leads.size()).isEqualTo(2);
        JsonNode rows = new SandboxClient(sandbox).coql("select Last_Name, Annual_Revenue, Modified_Time from Leads "
                + "where Modified_Time >= '2023-12-31T00:00:00+00:00' order by Modified_Time asc").json().get("data");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("id").asText()).isEqualTo("5725767000009999999");
        assertThat(rows.get(0).get("Annual_Revenue").asText()).isEqualTo("not a number");
        assertThat(rows.get(0).get("Last_Name").isNull()).isTrue();
        assertThat(rows.get(1).has("id")).isFalse();
        assertThat(rows.get(1).get("Last_Name").asText()).isEqualTo("Ghost");
    }

    @Test
    void addedCustomFieldsAppearForNewRecords() {
        SandboxModule leads = sandbox.module("Leads");
        String old = leads.generate(1).get(0);
        leads.addField("Budget_Code", "text");
        List<String> fresh = leads.create(50);

        assertThat(byName(leads.fields()).get("Budget_Code").customField()).isTrue();
        Map<String, Map<String, Object>> records = leads.liveRecords();
        assertThat(records.get(old)).containsEntry("Budget_Code", null);
        assertThat(fresh.stream().map(id -> records.get(id).get("Budget_Code"))).anyMatch(Objects::nonNull);
        assertThatThrownBy(() -> leads.addField("Budget_Code", "text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> leads.addField("Other", "hologram")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void burstsShareOneModifiedTime() {
        Instant burst = Instant.parse("2024-05-01T00:00:00Z");
        sandbox.module("Deals").generateBurst(300, burst);
        assertThat(sandbox.module("Deals").liveRecords().values())
                .allSatisfy(r -> assertThat(instant(r.get("Modified_Time"))).isEqualTo(burst));
    }

    @Test
    void unknownModulesAreNamed() {
        assertThatThrownBy(() -> sandbox.module("leads"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Leads").hasMessageContaining("Deals");
    }

    @Test
    void activityKeepsChangingModulesUntilStopped() throws Exception {
        sandbox.clock().useSystemTime();
        sandbox.module("Leads").generate(100);
        SandboxClient client = new SandboxClient(sandbox);
        sandbox.startActivity(Duration.ofMillis(20), 3, 2, 1);
        for (int i = 0; i < 20; i++) {
            assertThat(client.coql("select Last_Name from Leads where id is not null limit 2000").status()).isEqualTo(200);
        }
        Thread.sleep(150);
        sandbox.stopActivity();
        int size = sandbox.module("Leads").size();
        Thread.sleep(100);

        assertThat(sandbox.module("Leads").size()).isEqualTo(size).isGreaterThan(100);
        assertThat(sandbox.module("Deals").size()).isPositive();
        assertThat(sandbox.module("Leads").deletedRecords()).isNotEmpty();
    }

    private static Map<String, FieldDef> byName(List<FieldDef> fields) {
        return fields.stream().collect(Collectors.toMap(FieldDef::apiName, f -> f));
    }

    private static double share(Collection<Map<String, Object>> records, Predicate<Map<String, Object>> test) {
        return records.stream().filter(test).count() / (double) records.size();
    }

    private static Instant instant(Object datetime) {
        return OffsetDateTime.parse((String) datetime).toInstant();
    }
}
