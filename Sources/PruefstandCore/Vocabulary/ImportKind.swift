import Foundation

/// The kinds of data Pruefstand imports. Each has one canonical column layout (`docs/formats.md`);
/// foreign layouts are adapted by a mapping file.
public enum ImportKind: String, CaseIterable, Sendable, Codable {
    case ledger, plan, positions, vacancies, orgunits, costcenters, paycosts, taxrates, codes

    /// Whether rows of this kind can name people (staff, a posting's payee or clerk): there a column whose
    /// header names a person is personal data even when the mapping reads it (issue 14).
    public var listsPeople: Bool {
        switch self {
        case .ledger, .positions, .vacancies, .orgunits: return true
        case .plan, .costcenters, .paycosts, .taxrates, .codes: return false
        }
    }

    public var fields: [FieldSpec] {
        switch self {
        case .ledger: return [
            FieldSpec("fiscal_year", .year, aliases: ["Haushaltsjahr", "Jahr", "HHJ", "Geschäftsjahr", "GJahr", "Buchungsjahr"]),
            FieldSpec("posting_date", .date, aliases: ["Buchungsdatum", "Belegdatum", "Datum", "Buchungstag", "Buch.dat.", "Date"]),
            FieldSpec("document_id", .text, aliases: ["Belegnummer", "Beleg-Nr", "Belegnr", "Beleg", "Document", "Belegnummer Buchung"]),
            FieldSpec("product", .product, aliases: ["Produkt", "Produktnummer", "Produkt-Nr", "Produktnr", "Product code"]),
            FieldSpec("cost_center", .text, required: false, aliases: ["Kostenstelle", "KSt", "Kst.", "Cost centre"]),
            FieldSpec("account", .account, aliases: ["Sachkonto", "Konto", "Kontonummer", "Sachkontonummer", "GL account"]),
            FieldSpec("description", .text, required: false, aliases: ["Buchungstext", "Text", "Verwendungszweck", "Bezeichnung"]),
            FieldSpec("vendor", .text, required: false, aliases: ["Kreditor", "Lieferant", "Zahlungsempfänger", "Kreditorname", "Geschäftspartner", "Supplier"]),
            FieldSpec("amount", .money, aliases: ["Betrag", "Betrag EUR", "Betrag in EUR", "Betrag (EUR)", "Wert", "Amount EUR"]),
            // The line of a posting inside its document, when the system writes one: part of the posting's identity.
            FieldSpec("document_line", .text, required: false, aliases: ["Belegzeile", "Belegposition", "Buchungszeile", "Document line", "Line item"]),
        ]
        case .plan: return [
            FieldSpec("fiscal_year", .year, aliases: ["Haushaltsjahr", "Jahr", "HHJ", "Planjahr"]),
            FieldSpec("product", .product, aliases: ["Produkt", "Produktnummer", "Produkt-Nr"]),
            FieldSpec("account", .account, aliases: ["Sachkonto", "Konto", "Kontonummer"]),
            FieldSpec("plan_amount", .money, aliases: ["Ansatz", "Planansatz", "Plan", "Betrag", "Haushaltsansatz", "amount"]),
            FieldSpec("kind", .choice(["plan": "plan", "ansatz": "plan", "actual": "actual", "ist": "actual", "ergebnis": "actual",
                                        "forecast": "forecast", "prognose": "forecast", "commitment": "commitment", "amended": "amended"]),
                      required: false, aliases: ["Art", "Typ", "Wertart"]),
            // Named by a mapping only (no aliases): files that write the side in a column, and cameral detail.
            FieldSpec("side", .choice(BudgetSide.spellings), required: false, aliases: []),
            FieldSpec("function", .text, required: false, aliases: []),
            FieldSpec("description", .text, required: false, aliases: []),
        ]
        case .positions: return [
            FieldSpec("position_id", .text, aliases: ["Stelle", "Stellennummer", "Stellen-Nr", "Stellennr", "Stellen-ID"]),
            FieldSpec("org_unit", .text, aliases: ["Organisationseinheit", "OE", "Fachbereich", "Amt", "Org-Einheit"]),
            FieldSpec("supervisor_id", .text, required: false, aliases: ["Vorgesetztenstelle", "Vorgesetzte Stelle", "Vorgesetzter", "Supervisor"]),
            FieldSpec("title", .text, aliases: ["Stellenbezeichnung", "Bezeichnung", "Titel"]),
            FieldSpec("function", .text, required: false, aliases: ["Funktion", "Tätigkeit", "Aufgabe"]),
            FieldSpec("pay_grade", .payGrade, aliases: ["Entgeltgruppe", "Besoldungsgruppe", "EG", "Bewertung", "Wertigkeit"]),
            FieldSpec("fte", .fte, aliases: ["Stellenanteil", "VZÄ", "Vollzeitäquivalent", "Anteil"]),
            FieldSpec("status", .choice(["occupied": "occupied", "besetzt": "occupied", "vacant": "vacant", "unbesetzt": "vacant",
                                          "frei": "vacant", "vakant": "vacant"]), aliases: ["Besetzung", "Status"]),
            FieldSpec("vacant_since", .date, required: false, aliases: ["Unbesetzt seit", "Vakant seit", "Frei seit"]),
            FieldSpec("is_leadership", .bool, aliases: ["Führungsstelle", "Führung", "Leitung", "Leadership"]),
            FieldSpec("kldb", .kldb, required: false, aliases: ["KldB", "KldB 2010", "Berufskennziffer", "Beruf"]),
        ]
        case .vacancies: return [
            FieldSpec("position_id", .text, aliases: ["Stelle", "Stellennummer", "Stellen-Nr"]),
            FieldSpec("expected_date", .date, aliases: ["Frei ab", "Voraussichtlich frei ab", "Datum", "Ausscheiden"]),
            FieldSpec("reason", .choice(["retirement": "retirement", "ruhestand": "retirement", "rente": "retirement", "pension": "retirement",
                                          "resignation": "resignation", "kündigung": "resignation", "kuendigung": "resignation",
                                          "transfer": "transfer", "versetzung": "transfer", "umsetzung": "transfer",
                                          "new": "new", "neu": "new", "neue stelle": "new", "other": "other", "sonstiges": "other"]),
                      aliases: ["Grund", "Anlass"]),
            FieldSpec("refill_requested", .bool, aliases: ["Wiederbesetzung beantragt", "Wiederbesetzung", "Nachbesetzung"]),
            FieldSpec("refill_source", .choice(["internal": "internal", "intern": "internal", "external": "external", "extern": "external",
                                                 "lateral": "lateral", "quereinstieg": "lateral", "quereinsteiger": "lateral"]),
                      required: false, aliases: ["Besetzt durch", "Herkunft", "Besetzungsart"]),
            FieldSpec("filled_date", .date, required: false, aliases: ["Besetzt am", "Wiederbesetzt am"]),
        ]
        case .orgunits: return [
            FieldSpec("org_unit", .text, aliases: ["Organisationseinheit", "OE", "Kürzel"]),
            FieldSpec("name", .text, aliases: ["Bezeichnung", "Name"]),
            FieldSpec("parent_id", .text, required: false, aliases: ["Übergeordnet", "Übergeordnete OE", "Parent"]),
            FieldSpec("category", .choice(["line": "line", "fach": "line", "fachbereich": "line", "hr": "hr", "personal": "hr",
                                            "finance": "finance", "finanzen": "finance", "it": "it", "administration": "administration",
                                            "verwaltung": "administration", "zentrale dienste": "administration",
                                            "leadership": "leadership", "leitung": "leadership", "verwaltungsvorstand": "leadership"]),
                      aliases: ["Kategorie", "Art"]),
        ]
        case .costcenters: return [
            FieldSpec("cost_center", .text, aliases: ["Kostenstelle", "KSt"]),
            FieldSpec("name", .text, aliases: ["Bezeichnung", "Name"]),
            FieldSpec("org_unit", .text, aliases: ["Organisationseinheit", "OE"]),
        ]
        case .paycosts: return [
            FieldSpec("fiscal_year", .year, aliases: ["Jahr", "Haushaltsjahr"]),
            FieldSpec("pay_grade", .payGrade, aliases: ["Entgeltgruppe", "Besoldungsgruppe", "EG"]),
            FieldSpec("annual_salary", .money, aliases: ["Jahresbrutto", "Jahresentgelt", "Bruttojahresentgelt"]),
            FieldSpec("employer_on_costs", .money, aliases: ["Arbeitgeberanteile", "Nebenkosten", "Personalnebenkosten"]),
            FieldSpec("source", .text, aliases: ["Quelle"]),
        ]
        case .taxrates: return [
            // A published Hebesatz table (Realsteuerhebesätze, e.g. IT.NRW's): one municipality and year per row.
            FieldSpec("municipality", .text, aliases: ["Gemeinde", "Gemeindename", "Kommune", "Stadt", "Gemeinde/Stadt", "Verwaltungsbezirk"]),
            FieldSpec("ags", .text, required: false, aliases: ["AGS", "Gemeindeschlüssel", "Amtlicher Gemeindeschlüssel", "Gemeindekennziffer", "Regionalschlüssel"]),
            FieldSpec("fiscal_year", .year, aliases: ["Jahr", "Haushaltsjahr", "Erhebungsjahr"]),
            FieldSpec("grundsteuer_a", .percent, aliases: ["Grundsteuer A", "Hebesatz Grundsteuer A", "GrSt A"]),
            FieldSpec("grundsteuer_b", .percent, aliases: ["Grundsteuer B", "Hebesatz Grundsteuer B", "GrSt B"]),
            FieldSpec("gewerbesteuer", .percent, aliases: ["Gewerbesteuer", "Hebesatz Gewerbesteuer", "GewSt"]),
        ]
        case .codes: return [
            // A code list (issue 14): the names of a scheme's codes, by dimension (`docs/formats.md`, "Code lists").
            FieldSpec("code", .text, aliases: ["Code", "Kennziffer", "Nummer", "Schlüssel"]),
            FieldSpec("name", .text, aliases: ["Name", "Bezeichnung", "Titel"]),
            FieldSpec("dimension", .choice(CodeDimension.spellings), aliases: ["Dimension"]),
            FieldSpec("level", .text, required: false, aliases: ["Ebene", "Level"]),
        ]
        }
    }

    /// The kinds of a plan line: plan (Ansatz), actual (Ist, Ergebnis), forecast (Prognose), commitment
    /// (Verpflichtungsermächtigung: a commitment for later years, not spending of the year) and amended (the
    /// plan after amendments and carry-overs, Bremen's Haushaltssoll). The analyses read plan and actual.
    public static let planKinds = ["plan", "actual", "forecast", "commitment", "amended"]

    /// The field whose amounts are summed for control totals, if the kind has money.
    public var amountField: String? {
        switch self {
        case .ledger: return "amount"
        case .plan: return "plan_amount"
        case .paycosts: return "annual_salary"
        default: return nil
        }
    }
}

extension BudgetSide {
    /// Spellings of a side column read without a value map (normalised: trimmed, lower case).
    static let spellings: [String: String] = [
        "revenue": "revenue", "expense": "expense", "e": "revenue", "a": "expense",
        "einnahme": "revenue", "einnahmen": "revenue", "ausgabe": "expense", "ausgaben": "expense",
        "ertrag": "revenue", "erträge": "revenue", "aufwand": "expense", "aufwendungen": "expense",
        "einzahlung": "revenue", "einzahlungen": "revenue", "auszahlung": "expense", "auszahlungen": "expense",
    ]
}

/// One canonical field of an import kind.
public struct FieldSpec: Sendable {
    public enum FieldType: Sendable {
        case year, date, text, product, account, money, fte, payGrade, bool, kldb
        /// A Hebesatz in whole percent (`520`, `520 %`), 0–9,999.
        case percent
        /// A closed set: normalised input spelling → stored value.
        case choice([String: String])
    }
    public let name: String
    public let type: FieldType
    public let required: Bool
    public let aliases: [String]
    init(_ name: String, _ type: FieldType, required: Bool = true, aliases: [String]) {
        self.name = name; self.type = type; self.required = required; self.aliases = aliases
    }
    public var typeName: String {
        switch type {
        case .year: return "year (yyyy)"
        case .date: return "date"
        case .text: return "text"
        case .product: return "product code (01.11.01)"
        case .account: return "NKF account (6-8 digits)"
        case .money: return "amount in euros"
        case .fte: return "FTE (0.5)"
        case .payGrade: return "pay grade (EG 9b, S 11b, A 13)"
        case .bool: return "yes/no"
        case .kldb: return "KldB 2010 code (5 digits)"
        case .percent: return "Hebesatz in whole percent (520)"
        case .choice(let m): return "one of " + Set(m.values).sorted().joined(separator: "/")
        }
    }
    /// `typeName` in German, for reject reasons under `--lang de`.
    public var typeNameDE: String {
        switch type {
        case .year: return "Jahr (jjjj)"
        case .date: return "Datum"
        case .text: return "Text"
        case .product: return "Produktcode (01.11.01)"
        case .account: return "NKF-Konto (6–8 Ziffern)"
        case .money: return "Betrag in Euro"
        case .fte: return "VZÄ (0,5)"
        case .payGrade: return "Entgeltgruppe (EG 9b, S 11b, A 13)"
        case .bool: return "ja/nein"
        case .kldb: return "KldB-2010-Schlüssel (5 Ziffern)"
        case .percent: return "Hebesatz in ganzen Prozent (520)"
        case .choice(let m): return "einer von " + Set(m.values).sorted().joined(separator: "/")
        }
    }
}

/// Header normalisation for matching: case-, space-, punctuation- and umlaut-insensitive.
public func normalizedHeader(_ s: String) -> String {
    var out = ""
    for ch in s.lowercased() {
        switch ch {
        case "ä": out += "ae"
        case "ö": out += "oe"
        case "ü": out += "ue"
        case "ß": out += "ss"
        default:
            if ch.isLetter || ch.isNumber { out.append(ch) }
        }
    }
    return out
}

/// Header names that hold people's names: such columns are never stored, and the import says so.
let personalDataHeaders: Set<String> = Set([
    "name", "vorname", "nachname", "familienname", "mitarbeiter", "mitarbeiterin", "mitarbeitername", "stelleninhaber",
    "stelleninhaberin", "inhaber", "inhaberin", "sachbearbeiter", "sachbearbeiterin", "bearbeiter", "bearbeiterin",
    "person", "employee", "employeename", "firstname", "lastname", "fullname", "personalnummer", "persnr", "geburtsdatum",
    "erfasser", "erfasstvon", "angelegtvon", "user", "benutzer",
    "email", "emailadresse", "mail", "telefon", "telefonnummer", "tel", "phone", "mobil", "mobilnummer", "handy",
    "geburtstag", "dateofbirth", "birthdate", "anschrift", "adresse", "privatanschrift", "wohnort",
].map(normalizedHeader))
