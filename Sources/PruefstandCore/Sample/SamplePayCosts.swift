import Foundation

/// Annual pay costs 2026 per pay grade for the sample (`paycosts.csv`).
///
/// Approximation for the synthetic sample, stated in every row's `source`:
/// - TVöD-VKA (EG) and SuE (S): Stufe 3 of the table valid 1 April 2025 – 30 April 2026 (+3.0 %, at least
///   +110 EUR over the table of 1 March 2024), raised by 2.8 % from 1 May 2026 (Tarifeinigung TVöD
///   Bund/VKA of 6 April 2025). Annual salary 2026 = 4 × April-2025 value + 8 × May-2026 value
///   + Jahressonderzahlung 85 % of the May-2026 value (uniform VKA rate from 2026, § 20 TVöD-VKA).
///   Employer on-costs: social security 2026 (RV 9.3 % + AV 1.3 % up to 101,400 EUR; KV 7.3 % + half the
///   average Zusatzbeitrag 1.45 % + PV 1.8 % up to 69,750 EUR), 1.0 % for U2 and accident insurance, and
///   4.5 % supplementary pension (ZVK, no ceiling).
/// - Beamte NRW (A, B): Grundgehalt of Erfahrungsstufe 7 (A) or the fixed B amount of the NRW table valid
///   1 Dec 2022 – 31 Oct 2024, + 200 EUR from 1 Nov 2024 and + 5.5 % from 1 Feb 2025; no 2026 increase,
///   no Familienzuschlag, no Sonderzahlung. On-costs: pension allowance 30 % of the salary
///   (Versorgungszuschlag-like) + 4,000 EUR Beihilfe allowance per year.
enum SamplePayCosts {
    /// Monthly Stufe-3 amounts in cents valid 1 April 2025 – 30 April 2026 (TVöD-VKA Anlage A/C).
    /// EG: published table; S: the table of March 2024 × 1.03 (at least + 110 EUR), computed below.
    static let tvoedApril2025: [String: Int64] = [
        "EG 15": 645_336, "EG 14": 592_803, "EG 13": 555_435, "EG 12": 521_352, "EG 11": 490_859,
        "EG 10": 466_410, "EG 9c": 446_961, "EG 9b": 408_907, "EG 9a": 398_606, "EG 8": 373_868,
        "EG 7": 358_238, "EG 6": 348_294, "EG 5": 335_511, "EG 4": 326_375, "EG 3": 312_799,
        "EG 2": 294_467, "EG 1": 249_886,
    ]
    /// SuE Stufe 3, table valid from March 2024 (cents).
    static let sueMarch2024: [String: Int64] = [
        "S 18": 513_451, "S 17": 485_314, "S 16": 461_400, "S 15": 443_115, "S 14": 442_205, "S 13": 436_080,
        "S 12": 433_564, "S 11b": 412_539, "S 11a": 405_300, "S 9": 393_515, "S 8b": 386_455, "S 8a": 375_583,
        "S 7": 365_570, "S 4": 348_733, "S 3": 330_078, "S 2": 292_664,
    ]
    /// NRW Grundgehalt table 1 Dec 2022 (A: Erfahrungsstufe 7; B: fixed amounts), cents.
    static let nrw2022: [String: Int64] = [
        "A 5": 287_373, "A 6": 294_611, "A 7": 309_371, "A 8": 326_568, "A 9": 341_891, "A 10": 378_403,
        "A 11": 410_921, "A 12": 447_627, "A 13": 498_726, "A 14": 538_929, "A 15": 591_290, "A 16": 653_120,
        "B 2": 817_970, "B 3": 865_780, "B 4": 915_852, "B 5": 973_299, "B 6": 1_027_549, "B 7": 1_080_317,
        "B 8": 1_135_320, "B 9": 1_203_609, "B 10": 1_415_681,
    ]

    // The sources are German (issue 16: no English in a German report); they cite German tables.
    static let tvoedSource = "Näherung für die synthetische Musterstadt: TVöD-VKA Stufe 3, Tabelle ab 1.4.2025 (+3 %, mind. +110 €), +2,8 % ab 1.5.2026 (Tarifeinigung 6.4.2025); 4 × alter + 8 × neuer Monatsbetrag + 85 % Jahressonderzahlung; Arbeitgeberanteile SV 2026 mit Beitragsbemessungsgrenzen + 1 % U2/UV + 4,5 % ZVK; mit den VKA-Tabellen und dem eigenen ZVK-Satz abgleichen"
    static let sueSource = "Näherung für die synthetische Musterstadt: TVöD SuE Stufe 3, Tabelle März 2024 × 1,03 (mind. +110 €) ab 1.4.2025, +2,8 % ab 1.5.2026; 4 × alter + 8 × neuer Monatsbetrag + 85 % Jahressonderzahlung; Arbeitgeberanteile SV 2026 + 1 % U2/UV + 4,5 % ZVK; mit der VKA-Tabelle SuE abgleichen"
    static let beamteSource = "Näherung für die synthetische Musterstadt: LBesG NRW Grundgehalt (A: Erfahrungsstufe 7) vom 1.12.2022 + 200 € (1.11.2024) × 1,055 (1.2.2025), × 12, keine Erhöhung 2026, ohne Familienzuschlag; Zuschläge 30 % Versorgung + 4.000 € Beihilfe; mit der NRW-Besoldungstabelle und der eigenen Versorgungskasse abgleichen"

    static func rows(grades: Set<String>) -> [SamplePayCost] {
        grades.sorted { (PayGrade($0)!, $0) < (PayGrade($1)!, $1) }.map { row(grade: $0) }
    }

    static func row(grade: String) -> SamplePayCost {
        if let monthly = tvoedApril2025[grade] {
            return tariff(grade: grade, april2025: monthly, source: tvoedSource)
        }
        if let march2024 = sueMarch2024[grade] {
            let april2025 = max(scaled(march2024, 103, 100), march2024 + 11_000)
            return tariff(grade: grade, april2025: april2025, source: sueSource)
        }
        guard let base = nrw2022[grade] else { preconditionFailure("no pay table value for \(grade)") }
        let monthly = scaled(base + 20_000, 1055, 1000)
        let annual = monthly * 12
        let onCosts = scaled(annual, 30, 100) + 400_000
        return SamplePayCost(fiscalYear: 2026, payGrade: grade, annualSalaryCents: annual, employerOnCostCents: onCosts, source: beamteSource)
    }

    private static func tariff(grade: String, april2025: Int64, source: String) -> SamplePayCost {
        let may2026 = scaled(april2025, 1028, 1000)
        let annual = 4 * april2025 + 8 * may2026 + scaled(may2026, 85, 100)
        let pensionCeiling: Int64 = 10_140_000, healthCeiling: Int64 = 6_975_000
        let social = scaled(min(annual, pensionCeiling), 1060, 10_000)      // RV 9.3 % + AV 1.3 %
            + scaled(min(annual, healthCeiling), 1055, 10_000)              // KV 7.3 % + 1.45 % + PV 1.8 %
            + scaled(annual, 100, 10_000)                                   // U2, accident insurance
        let zvk = scaled(annual, 450, 10_000)
        return SamplePayCost(fiscalYear: 2026, payGrade: grade, annualSalaryCents: annual, employerOnCostCents: social + zvk, source: source)
    }
}
