package dev.crmmirror.sandbox.data;

import static dev.crmmirror.sandbox.data.DataType.*;
import static dev.crmmirror.sandbox.data.Sources.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The Leads and Deals schemas: Zoho's standard fields (zoho-api.md §3.2) with realistic value sources. */
public final class StandardModules {
    private static final Duration VISIT_WINDOW = Duration.ofDays(30);
    private static final Map<String, Object> STANDARD_LAYOUT = standardLayout();

    private StandardModules() { }

    public static ModuleSchema leads() {
        Fields f = new Fields();
        f.system("id", BIGINT, recordId());
        f.owner("Owner", entity(EntityKind.USER), true);
        f.editable("Salutation", PICKLIST, optional(pick(List.of("Mr.", "Mrs.", "Ms.", "Dr.", "Prof."))));
        f.editable("First_Name", TEXT, optional(text(SampleText.FIRST_NAMES)));
        f.editable("Last_Name", TEXT, text(SampleText.LAST_NAMES));
        f.system("Full_Name", TEXT, fullName());
        f.editable("Company", TEXT, company());
        f.editable("Designation", TEXT, optional(text(SampleText.DESIGNATIONS)));
        f.editable("Email", EMAIL, optional(email()));
        f.editable("Secondary_Email", EMAIL, sometimes(0.3, anyEmail()));
        f.editable("Phone", PHONE, optional(phone()));
        f.editable("Mobile", PHONE, optional(phone()));
        f.editable("Fax", PHONE, sometimes(0.2, phone()));
        f.editable("Website", WEBSITE, optional(pick(SampleText.WEBSITES)));
        f.editable("Twitter", TEXT, sometimes(0.4, handle()));
        f.editable("Skype_ID", TEXT, sometimes(0.4, handle()));
        f.editable("Lead_Source", PICKLIST, optional(pick(List.of("Advertisement", "Cold Call", "Employee Referral",
                "External Referral", "Online Store", "Partner", "Public Relations", "Seminar Partner", "Trade Show",
                "Web Download", "Web Research", "Chat", "X (Twitter)", "Facebook"))));
        f.editable("Lead_Status", PICKLIST, optional(pick(List.of("Attempted to Contact", "Contact in Future",
                "Contacted", "Junk Lead", "Lost Lead", "Not Contacted", "Pre-Qualified", "Not Qualified"))));
        f.editable("Industry", PICKLIST, optional(pick(List.of("ASP (Application Service Provider)",
                "Data/Telecom OEM", "ERP (Enterprise Resource Planning)", "Government/Military", "Large Enterprise",
                "ManagementISV", "MSP (Management Service Provider)", "Network Equipment Enterprise",
                "Non-management ISV", "Optical Networking", "Service Provider", "Small/Medium Enterprise",
                "Storage Equipment", "Systems Integrator", "Wireless Industry"))));
        f.editable("Rating", PICKLIST, optional(pick(List.of("Acquired", "Active", "Market Failed",
                "Project Cancelled", "Shut Down"))));
        f.editable("No_of_Employees", INTEGER, optional(integer(1, 250_000)));
        f.editable("Annual_Revenue", CURRENCY, optional(money(1_000, 50_000_000)));
        f.editable("Currency", PICKLIST, pick(List.of("USD", "USD", "USD", "EUR", "INR", "JPY", "GBP")));
        f.system("Exchange_Rate", DOUBLE, exchangeRate());
        f.editable("Email_Opt_Out", BOOLEAN, bool(0.1));
        f.editable("Street", TEXT, optional(text(SampleText.STREETS)));
        f.editable("City", TEXT, optional(text(SampleText.CITIES)));
        f.editable("State", TEXT, optional(text(SampleText.STATES)));
        f.editable("Zip_Code", TEXT, optional((record, random) -> Draw.digits(random, "#####")));
        f.editable("Country", TEXT, optional(text(SampleText.COUNTRIES)));
        f.editable("Description", TEXTAREA, optional(paragraphs()));
        f.system("Record_Image", PROFILEIMAGE, sometimes(0.05, imageHash()));
        f.system("Layout", LAYOUT, constant(STANDARD_LAYOUT));
        f.editable("Tag", TAG, tags());
        f.system("Territories", TERRITORIES, constant(null));
        f.system("Data_Source", PICKLIST, pick(List.of("CRM UI", "Import", "API", "Web Form")));
        f.editable("Data_Processing_Basis", PICKLIST, sometimes(0.3, pick(List.of("Legitimate Interests",
                "Contract", "Consent - Obtained", "Not Applicable"))));
        f.lookup("Data_Processing_Basis_Details", LOOKUP, null, constant(null), false);
        f.editable("Unsubscribed_Mode", PICKLIST, sometimes(0.1, pick(List.of("Manual", "Unsubscribe link",
                "Consent form"))));
        f.system("Unsubscribed_Time", DATETIME, when("Unsubscribed_Mode", Objects::nonNull,
                timeBetweenCreatedAndModified()));
        f.system("First_Visited_Time", DATETIME, sometimes(0.2, timeBeforeCreated(VISIT_WINDOW)));
        f.system("Last_Visited_Time", DATETIME, visit(timeBetweenCreatedAndModified()));
        f.system("First_Visited_URL", WEBSITE, visit(pick(SampleText.WEBSITES)));
        f.system("Referrer", WEBSITE, visit(optional(pick(SampleText.WEBSITES))));
        f.system("Days_Visited", INTEGER, visit(integer(1, 40)));
        f.system("Number_Of_Chats", INTEGER, visit(integer(0, 12)));
        f.system("Average_Time_Spent_Minutes", DOUBLE, visit(decimal(0.1, 45)));
        f.system("Visitor_Score", BIGINT, visit(bigintText(0, 500)));
        f.system("Converted__s", BOOLEAN, bool(0.08));
        f.system("Converted_Date_Time", DATETIME, converted(timeBetweenCreatedAndModified()));
        f.lookup("Converted_Account", LOOKUP, EntityKind.ACCOUNT, converted(entity(EntityKind.ACCOUNT)), false);
        f.lookup("Converted_Contact", LOOKUP, EntityKind.CONTACT, converted(entity(EntityKind.CONTACT)), false);
        f.lookup("Converted_Deal", LOOKUP, EntityKind.DEAL, converted(sometimes(0.5, entity(EntityKind.DEAL))), false);
        f.system("Lead_Conversion_Time", INTEGER, converted(integer(0, 400)));
        f.system("Enrich_Status__s", PICKLIST, sometimes(0.1, pick(List.of("Enriched", "Available"))));
        f.system("Last_Enriched_Time__s", DATETIME, when("Enrich_Status__s", Objects::nonNull,
                timeBetweenCreatedAndModified()));
        recordStatusAndAudit(f);
        f.custom("Languages_Known", MULTISELECT, optional(multiselect(SampleText.LANGUAGES)));
        return new ModuleSchema("Leads", "Full_Name", f.list);
    }

    public static ModuleSchema deals() {
        Fields f = new Fields();
        f.system("id", BIGINT, recordId());
        f.owner("Owner", entity(EntityKind.USER), true);
        f.editable("Deal_Name", TEXT, dealName());
        f.editable("Stage", PICKLIST, pick(List.of("Qualification", "Needs Analysis", "Value Proposition",
                "Identify Decision Makers", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
                "Closed Lost to Competition")));
        f.system("Probability", INTEGER, probabilityByStage());
        f.editable("Amount", CURRENCY, sometimes(0.85, money(500, 2_000_000)));
        f.system("Expected_Revenue", CURRENCY, expectedRevenue());
        f.editable("Currency", PICKLIST, pick(List.of("USD", "USD", "USD", "EUR", "INR", "JPY", "GBP")));
        f.system("Exchange_Rate", DOUBLE, exchangeRate());
        f.editable("Closing_Date", DATE, dateAfterCreated(14, 180));
        f.lookup("Account_Name", LOOKUP, EntityKind.ACCOUNT, sometimes(0.9, entity(EntityKind.ACCOUNT)), true);
        f.lookup("Contact_Name", LOOKUP, EntityKind.CONTACT, sometimes(0.7, entity(EntityKind.CONTACT)), true);
        f.lookup("Campaign_Source", LOOKUP, EntityKind.CAMPAIGN, sometimes(0.4, entity(EntityKind.CAMPAIGN)), true);
        f.editable("Type", PICKLIST, optional(pick(List.of("Existing Business", "New Business"))));
        f.editable("Next_Step", TEXT, optional(text(SampleText.NEXT_STEPS)));
        f.editable("Lead_Source", PICKLIST, optional(pick(List.of("Advertisement", "Cold Call", "Partner",
                "Trade Show", "Web Research", "Chat"))));
        f.system("Pipeline", PICKLIST, constant("Standard (Standard)"));
        f.editable("Description", TEXTAREA, optional(paragraphs()));
        f.system("Reason_For_Loss__s", PICKLIST, when("Stage", stage -> String.valueOf(stage).startsWith("Closed Lost"),
                optional(pick(List.of("Price", "Lost to \"Competitor\"", "No budget", "Timing")))));
        f.system("Overall_Sales_Duration", INTEGER, closed(integer(1, 700)));
        f.system("Sales_Cycle_Duration", INTEGER, closed(integer(1, 400)));
        f.system("Lead_Conversion_Time", INTEGER, sometimes(0.3, integer(0, 400)));
        f.editable("Tag", TAG, tags());
        f.system("Territory", TERRITORIES, constant(null));
        recordStatusAndAudit(f);
        return new ModuleSchema("Deals", "Deal_Name", f.list);
    }

    /** The system fields every module ends with, in Zoho's order: record status, lock, who and when. */
    private static void recordStatusAndAudit(Fields f) {
        f.system("Record_Status__s", PICKLIST, constant("Available"));
        f.system("Locked__s", BOOLEAN, bool(0.02));
        f.owner("Created_By", entity(EntityKind.USER), false);
        f.system("Created_Time", DATETIME, createdTime());
        f.owner("Modified_By", modifiedBy(), false);
        f.system("Modified_Time", DATETIME, modifiedTime());
        f.system("Change_Log_Time__s", DATETIME, modifiedTime());
        f.system("Last_Activity_Time", DATETIME, optional(timeBetweenCreatedAndModified()));
    }

    /** A field a user adds in Zoho's setup while the sync runs (schema drift). */
    public static FieldSpec customField(String apiName, DataType type) {
        EntityKind target = switch (type) {
            case LOOKUP -> EntityKind.ACCOUNT;
            case OWNERLOOKUP -> EntityKind.USER;
            default -> null;
        };
        return new FieldSpec(apiName, type, true, true, target, Sources.forType(type));
    }

    private static Map<String, Object> standardLayout() {
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("name", "Standard");
        layout.put("id", "5725767000000091055");
        return Collections.unmodifiableMap(layout);
    }

    private static ValueSource visit(ValueSource source) {
        return when("First_Visited_Time", Objects::nonNull, source);
    }

    private static ValueSource converted(ValueSource source) {
        return when("Converted__s", Boolean.TRUE::equals, source);
    }

    private static ValueSource closed(ValueSource source) {
        return when("Stage", stage -> String.valueOf(stage).startsWith("Closed"), source);
    }

    /** Collects a schema's fields in declaration order. */
    private static final class Fields {
        private final List<FieldSpec> list = new ArrayList<>();

        void system(String name, DataType type, ValueSource source) {
            list.add(new FieldSpec(name, type, false, false, null, source));
        }

        void editable(String name, DataType type, ValueSource source) {
            list.add(new FieldSpec(name, type, false, true, null, source));
        }

        void custom(String name, DataType type, ValueSource source) {
            list.add(new FieldSpec(name, type, true, true, null, source));
        }

        void owner(String name, ValueSource source, boolean editable) {
            lookup(name, OWNERLOOKUP, EntityKind.USER, source, editable);
        }

        void lookup(String name, DataType type, EntityKind target, ValueSource source, boolean editable) {
            list.add(new FieldSpec(name, type, false, editable, target, source));
        }
    }
}
