package dev.crmmirror.sandbox.data;

import java.util.List;

/**
 * Word pools for generated records. Deliberately hostile to a sync: accents, CJK, astral
 * characters, apostrophes and double quotes, backslashes, LIKE wildcards, markup and tabs.
 */
final class SampleText {
    private SampleText() { }

    static final List<String> FIRST_NAMES = List.of(
            "Patricia", "Christopher", "José", "Zoë", "Siobhán", "François", "Łukasz", "Søren", "Ngọc Anh",
            "Андрей", "Αλέξανδρος", "美咲", "伟", "Jürgen", "Renée", "D'Arcy", "Mary-Jane", "Ólafur", "Þór",
            "Chloé", "Ahmed", "Priya", "Oğuz", "Björk", "Ève", "Kai", "Ana Lúcia", "Jean-Luc", "Li", "Sam");

    static final List<String> LAST_NAMES = List.of(
            "O'Brien", "D'Angelo", "Müller", "García Márquez", "van der Berg", "Nguyễn", "王", "佐藤",
            "Kowalczyk", "Smith", "Boyle", "Maclead (Sample)", "Ó Súilleabháin", "Al-Fulan", "Öztürk",
            "Żółć", "Dvořák", "Schröder", "L'Écuyer", "\"The Rock\" Johnson", "Back\\slash", "Ng", "Kim",
            "Ivanova", "Ramírez", "Mbeki", "Østergaard", "Trần 😀", "Ἀριστοτέλης", "Percent%_Under");

    static final List<String> COMPANY_STEMS = List.of(
            "\"Acme\"", "O'Reilly & Sons", "Zylker", "株式会社サンプル", "Müller", "Ünïcödé", "Back\\Slash",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Café Crème", "Rangoni Of Florence", "Smith; Jones & Partners", "100% Organic",
            "<b>Bold</b>", "Tab\tSeparated", "Rocket 🚀", "Ångström", "Łódź Logistics", "Société d'Été",
            "北京科技", "O\"Neil Brothers", "Under_Score", "Nordwind", "Blue Yonder", "Kraków Mills");

    static final List<String> COMPANY_SUFFIXES = List.of(
            "Ltd", "Inc.", "GmbH", "S.A.", "AB", "LLC", "有限公司", "K.K.", "& Co.", "Holdings", "Group", "");

    static final List<String> SENTENCES = List.of(
            "Met at the trade show; wants a follow-up call.",
            "Asked for the \"enterprise\" tier — pricing sent.",
            "Prefers e-mail over phone. Don't call before 10am!",
            "Budget approved for Q3 ✅",
            "客户希望下周安排演示。",
            "Der Kunde möchte ein Angebot über 50 Lizenzen.",
            "Path on their share: C:\\Users\\o'brien\\Documents",
            "Emoji test: 😀🚀🎉 and astral 𝕏 characters.",
            "Line with trailing spaces   ",
            "\tIndented with a tab",
            "SQL-ish text: ' OR 1=1 --",
            "50% discount asked, 100_000 units.",
            "Ça va? Très bien, merci.",
            "営業担当: 佐藤");

    static final List<String> DESIGNATIONS = List.of(
            "VP Accounting", "CEO", "Head of R&D", "Directeur Général", "営業部長", "Sales \"Ninja\"",
            "Chief Happiness Officer 😀", "CTO / Co-founder", "Einkaufsleiterin", "Procurement\\Ops");

    static final List<String> STREETS = List.of(
            "37275 St Rt 17m M", "Hauptstraße 5", "1-2-3 Shibuya, 渋谷区", "Rue de l'Église 12",
            "Apt. 4\\B, 221B Baker St", "Calle \"Mayor\" 7", "ul. Świętokrzyska 11", "Av. Paulista, 1578");

    static final List<String> CITIES = List.of(
            "Middle Island", "München", "São Paulo", "東京", "Zürich", "Kraków", "Reykjavík", "Montréal",
            "New York", "Bengaluru", "Ho Chi Minh City", "Cape Town");

    static final List<String> STATES = List.of(
            "NY", "Bayern", "SP", "東京都", "ZH", "Małopolskie", "Québec", "KA", "CA", "Western Cape");

    static final List<String> COUNTRIES = List.of(
            "United States", "Germany", "Brazil", "Japan", "Switzerland", "Poland", "Iceland", "Canada",
            "India", "Côte d'Ivoire", "Viet Nam", "South Africa");

    static final List<String> DOMAINS = List.of(
            "example.com", "zylker.com", "example.co.uk", "mail.example.org", "acme.test", "example.jp");

    static final List<String> WEBSITES = List.of(
            "https://www.example.com", "http://zylker.com", "https://example.org/path?q=1&x=2",
            "www.acme.test", "https://例え.jp", "http://www.rangoniofflorence.com");

    static final List<String> PHONE_PATTERNS = List.of(
            "+1 (555) 010-####", "+44 20 7946 ####", "+81 3-1234-####", "555-555-#### ext. 12",
            "+49 (0)89 ####-00", "0##-#### ####");

    static final List<String> PRODUCTS = List.of(
            "Enterprise licence", "Renewal 2025", "Pilot \"Phase 2\"", "Upsell: 50 seats", "Support – 24/7",
            "導入プロジェクト", "Migration\\Cut-over", "Expansion 🚀");

    static final List<String> NEXT_STEPS = List.of(
            "Send proposal", "Call back on Monday", "Demo — bring 'the' slides", "跟进", "Wait for PO\nthen invoice",
            " Contract review ");

    static final List<String> CAMPAIGNS = List.of(
            "Spring Sale 2024", "Webinar: 'Zoho 101'", "Trade Show – Köln", "🎉 Launch", "Newsletter \"June\"",
            "Partner Day\\EMEA", "Black Friday", "Retargeting Q4");

    static final List<String> TAGS = List.of(
            "VIP", "früh-bucher", "🔥 hot", "Q3 '24", "needs \"review\"", "back\\slash", "重要", "cold");

    static final List<String> LANGUAGES = List.of(
            "English", "German", "French", "日本語", "Español", "Português", "हिन्दी", "Tamil");
}
