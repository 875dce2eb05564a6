import Foundation

/// Musterstadt's administration: org units, cost centers, positions and vacancies.
///
/// The structure is planted so that every position review check fires on some units and not on
/// others (see the README): small and large spans (Gebäudereinigung: one leader over 100 FTE), `FB51` seven
/// levels deep, a high leadership share (`FB60`), small sibling units (`FB33.2`/`FB33.3`, `FB41.2`/`FB41.3`),
/// "Sachbearbeitung Bürgerservice" EG 9b in `FB33.4` above its tariff norm EG 8, and the ASD social workers
/// at S 14, their tariff grade, which must not be flagged.
enum SampleOrganisation {
    struct Result {
        var units: [SampleOrgUnit]
        var costCenters: [SampleCostCenter]
        var positions: [SamplePosition]
        /// Cost centers per org unit id.
        var costCentersByUnit: [String: [String]]
        /// FTE units per org unit id (scale-independent weights for the budget).
        var weightByUnit: [String: Int64]
    }

    enum PartTime { case full, usual, cleaning, kita, music }

    struct Staff {
        var function: String, title: String, grade: String, kldb: String, count: Int
        var partTime: PartTime = .usual
        /// Counts that stay fixed with the scale (planted small units).
        var fixed = false
    }

    struct Team {
        var title: String, grade: String, kldb: String = "73293"
        var staff: [Staff]
    }

    struct Unit {
        var id: String, name: String, parent: String?, category: String
        var headTitle: String, headGrade: String, headKldb: String = "73294"
        var headStaff: [Staff] = []
        var teams: [Team] = []
        var kitas = false
    }

    // MARK: Functions that recur across units

    /// A Dezernat below the Verwaltungsvorstand: a Beigeordnete/r and the office staff the four Dezernate share.
    static func dezernat(_ id: String, _ name: String, headTitle: String = "Beigeordnete/r", headGrade: String = "B 5") -> Unit {
        Unit(id: id, name: name, parent: "VV", category: "leadership", headTitle: headTitle, headGrade: headGrade,
             headStaff: [other("Referat", "Referent/in", "EG 12", "73204", 2), sekretariat(2), haushalt(1), verwaltung(2),
                         other("Controlling", "Controller/in", "EG 11", "72213", 1)])
    }
    static func sekretariat(_ n: Int = 1) -> Staff { Staff(function: "Sekretariat", title: "Sekretariat", grade: "EG 6", kldb: "71402", count: n) }
    static func buero(_ n: Int) -> Staff { Staff(function: "Bürokraft", title: "Verwaltungsfachangestellte/r", grade: "EG 5", kldb: "71402", count: n) }
    static func verwaltung(_ n: Int, grade: String = "EG 9a") -> Staff { Staff(function: "Sachbearbeitung Allgemeine Verwaltung", title: "Sachbearbeiter/in", grade: grade, kldb: "73202", count: n) }
    static func haushalt(_ n: Int) -> Staff { Staff(function: "Sachbearbeitung Haushalt", title: "Sachbearbeiter/in Haushalt", grade: "EG 9b", kldb: "72213", count: n) }
    static func personal(_ n: Int) -> Staff { Staff(function: "Sachbearbeitung Personal", title: "Sachbearbeiter/in Personal", grade: "EG 9a", kldb: "73202", count: n) }
    static func buergerservice(_ n: Int, grade: String = "EG 8", fixed: Bool = false) -> Staff {
        Staff(function: "Sachbearbeitung Bürgerservice", title: "Sachbearbeiter/in Bürgerservice", grade: grade, kldb: "73202", count: n, fixed: fixed)
    }
    static func sozialleistungen(_ n: Int) -> Staff { Staff(function: "Sachbearbeitung Sozialleistungen", title: "Sachbearbeiter/in Sozialleistungen", grade: "EG 9b", kldb: "73202", count: n) }
    static func sozialarbeit(_ n: Int, grade: String = "S 12") -> Staff { Staff(function: "Sozialarbeit", title: "Sozialarbeiter/in", grade: grade, kldb: "83124", count: n) }
    static func ingenieur(_ n: Int, _ title: String) -> Staff { Staff(function: "Ingenieurwesen Bau", title: title, grade: "EG 11", kldb: "31104", count: n) }
    static func kraftfahrer(_ n: Int) -> Staff { Staff(function: "Kraftfahrer/in", title: "Kraftfahrer/in", grade: "EG 4", kldb: "52122", count: n, partTime: .full) }
    static func hausmeister(_ n: Int) -> Staff { Staff(function: "Hausmeister/in", title: "Hausmeister/in", grade: "EG 5", kldb: "", count: n, partTime: .full) }
    static func gaertner(_ n: Int) -> Staff { Staff(function: "Gärtner/in", title: "Gärtner/in", grade: "EG 5", kldb: "12142", count: n, partTime: .full) }
    static func other(_ function: String, _ title: String, _ grade: String, _ kldb: String, _ n: Int, _ pt: PartTime = .usual, fixed: Bool = false) -> Staff {
        Staff(function: function, title: title, grade: grade, kldb: kldb, count: n, partTime: pt, fixed: fixed)
    }

    static func fireWatch(_ n: Int) -> Team {
        Team(title: "Wachabteilung \(n)", grade: "A 11", kldb: "", staff: [
            other("Brandmeister/in", "Brandmeister/in", "A 7", "53132", 26, .full),
            other("Brandmeister/in", "Oberbrandmeister/in", "A 8", "53132", 17, .full),
            other("Brandmeister/in", "Hauptbrandmeister/in", "A 9", "53132", 10, .full),
        ])
    }

    static func asd(_ district: String) -> Team {
        Team(title: "ASD Bezirk \(district)", grade: "S 17", kldb: "83194", staff: [sozialarbeit(18, grade: "S 14")])
    }

    /// The units in tree order (parents before children).
    static let specs: [Unit] = [
        Unit(id: "VV", name: "Verwaltungsvorstand", parent: nil, category: "leadership",
             headTitle: "Oberbürgermeister/in", headGrade: "B 9",
             headStaff: [other("Referat", "Persönliche/r Referent/in", "EG 13", "73204", 2), other("Büroleitung", "Büroleitung OB", "EG 10", "71402", 1),
                         sekretariat(1), other("Kraftfahrer/in", "Fahrer/in OB", "EG 5", "52122", 1, .full)]),
        dezernat("D2", "Dezernat 2 Finanzen, Personal und Organisation", headTitle: "Beigeordnete/r und Stadtkämmerer/in", headGrade: "B 6"),
        dezernat("D3", "Dezernat 3 Recht, Ordnung und Bürgerdienste"),
        dezernat("D4", "Dezernat 4 Jugend, Soziales, Schule und Gesundheit"),
        dezernat("D5", "Dezernat 5 Bauen, Umwelt und Kultur"),
        Unit(id: "FB01", name: "FB 01 Rat, Oberbürgermeister und Wirtschaftsförderung", parent: "VV", category: "administration",
             headTitle: "Fachbereichsleitung", headGrade: "EG 14", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Ratsangelegenheiten", grade: "EG 11", staff: [other("Sachbearbeitung Ratsangelegenheiten", "Sachbearbeiter/in", "EG 9b", "73202", 5), buero(3)]),
                     Team(title: "Sachgebietsleitung Wirtschaftsförderung", grade: "EG 12", staff: [other("Wirtschaftsförderung", "Wirtschaftsförderer/in", "EG 11", "", 4)])]),
        Unit(id: "FB14", name: "FB 14 Rechnungsprüfung", parent: "VV", category: "administration",
             headTitle: "Leitung Rechnungsprüfung", headGrade: "A 16", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Prüfung Finanzen", grade: "A 13", staff: [other("Prüfung", "Prüfer/in", "EG 11", "72213", 6)]),
                     Team(title: "Sachgebietsleitung Prüfung Bau und Vergabe", grade: "A 13", staff: [other("Prüfung", "Prüfer/in Bau", "EG 11", "31104", 6)])]),
        Unit(id: "FB15", name: "FB 15 Gleichstellung und Vielfalt", parent: "VV", category: "administration",
             headTitle: "Gleichstellungsbeauftragte", headGrade: "EG 13",
             headStaff: [other("Sachbearbeitung Gleichstellung", "Sachbearbeiter/in", "EG 10", "73203", 3), buero(2)]),
        Unit(id: "FB16", name: "FB 16 Kommunikation", parent: "VV", category: "administration",
             headTitle: "Fachbereichsleitung", headGrade: "EG 14",
             headStaff: [other("Presse- und Öffentlichkeitsarbeit", "Pressereferent/in", "EG 11", "", 4), other("Online-Redaktion", "Online-Redakteur/in", "EG 10", "", 2), buero(1)]),
        Unit(id: "FB10", name: "FB 10 Zentrale Dienste", parent: "D2", category: "administration",
             headTitle: "Fachbereichsleitung", headGrade: "A 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Post und Druck", grade: "EG 9a", staff: [other("Post- und Druckdienst", "Mitarbeiter/in Poststelle", "EG 4", "", 16)]),
                     Team(title: "Sachgebietsleitung Vergabestelle", grade: "EG 11", staff: [other("Sachbearbeitung Vergabe", "Sachbearbeiter/in Vergabe", "EG 9b", "73202", 12)]),
                     Team(title: "Sachgebietsleitung Beschaffung", grade: "EG 10", staff: [other("Sachbearbeitung Beschaffung", "Sachbearbeiter/in Beschaffung", "EG 8", "73202", 14)]),
                     Team(title: "Sachgebietsleitung Zentrale Verwaltung", grade: "EG 10", staff: [verwaltung(14), buero(10)]),
                     Team(title: "Sachgebietsleitung Fahrdienst", grade: "EG 8", kldb: "", staff: [kraftfahrer(8)]),
                     Team(title: "Sachgebietsleitung Bürgertelefon", grade: "EG 9a", staff: [other("Bürgertelefon", "Servicekraft Bürgertelefon", "EG 5", "71402", 16)])]),
        Unit(id: "FB11", name: "FB 11 Personal und Organisation", parent: "D2", category: "hr",
             headTitle: "Fachbereichsleitung", headGrade: "A 16", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Personalservice", grade: "A 12", staff: [personal(22), buero(6)]),
                     Team(title: "Sachgebietsleitung Entgelt und Besoldung", grade: "EG 11", staff: [other("Sachbearbeitung Entgelt", "Sachbearbeiter/in Entgelt", "EG 9a", "72213", 18)]),
                     Team(title: "Sachgebietsleitung Personalentwicklung und Ausbildung", grade: "EG 12", staff: [other("Personalentwicklung", "Personalentwickler/in", "EG 11", "", 7), other("Ausbildung", "Ausbildungsleitung", "EG 10", "", 5)]),
                     Team(title: "Sachgebietsleitung Organisation", grade: "A 13", staff: [other("Organisationsberatung", "Organisationsberater/in", "EG 11", "73203", 9)]),
                     Team(title: "Sachgebietsleitung Arbeitsschutz", grade: "EG 11", staff: [other("Arbeitsschutz", "Fachkraft für Arbeitssicherheit", "EG 10", "", 6)])]),
        Unit(id: "FB12", name: "FB 12 Informationstechnik", parent: "D2", category: "it",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Infrastruktur und Betrieb", grade: "EG 12", kldb: "43104", staff: [other("Systemadministration", "Systemadministrator/in", "EG 10", "43104", 16)]),
                     Team(title: "Sachgebietsleitung Fachverfahren", grade: "EG 12", kldb: "43104", staff: [other("Anwendungsbetreuung", "Anwendungsbetreuer/in", "EG 9c", "43104", 18)]),
                     Team(title: "Sachgebietsleitung Digitalisierung", grade: "EG 13", kldb: "43104", staff: [other("IT-Projektmanagement", "IT-Projektmanager/in", "EG 12", "43104", 8)]),
                     Team(title: "Sachgebietsleitung Service Desk", grade: "EG 10", kldb: "43104", staff: [other("IT-Support", "IT-Supporter/in", "EG 8", "43102", 12)])]),
        Unit(id: "FB20", name: "FB 20 Finanzen", parent: "D2", category: "finance",
             headTitle: "Fachbereichsleitung", headGrade: "A 16", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Haushalt", grade: "A 13", staff: [haushalt(10)]),
                     Team(title: "Sachgebietsleitung Controlling", grade: "EG 12", staff: [other("Controlling", "Controller/in", "EG 11", "72213", 6)]),
                     Team(title: "Sachgebietsleitung Beteiligungen", grade: "EG 12", staff: [other("Beteiligungsmanagement", "Sachbearbeiter/in Beteiligungen", "EG 11", "72213", 4)]),
                     Team(title: "Sachgebietsleitung Finanzbuchhaltung", grade: "A 12", staff: [other("Buchhaltung", "Buchhalter/in", "EG 8", "72213", 14)])]),
        Unit(id: "FB21", name: "FB 21 Stadtkasse und Steuern", parent: "D2", category: "finance",
             headTitle: "Fachbereichsleitung", headGrade: "A 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Stadtkasse", grade: "A 12", staff: [other("Kassensachbearbeitung", "Kassensachbearbeiter/in", "EG 8", "72213", 18)]),
                     Team(title: "Sachgebietsleitung Vollstreckung", grade: "A 11", staff: [other("Vollziehungsdienst", "Vollziehungsbeamt/in", "A 8", "73202", 14, .full), other("Sachbearbeitung Vollstreckung", "Sachbearbeiter/in", "A 9", "73202", 10)]),
                     Team(title: "Sachgebietsleitung Steuern und Abgaben", grade: "A 12", staff: [other("Sachbearbeitung Steuern", "Sachbearbeiter/in Steuern", "A 9", "73202", 20)])]),
        Unit(id: "FB23", name: "FB 23 Gebäudewirtschaft", parent: "D2", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Technisches Gebäudemanagement", grade: "EG 13", kldb: "31104", staff: [ingenieur(14, "Ingenieur/in Hochbau"), other("Bautechnik", "Bautechniker/in", "EG 9b", "", 8)]),
                     Team(title: "Sachgebietsleitung Hausmeisterdienste", grade: "EG 9a", kldb: "", staff: [hausmeister(80)]),
                     Team(title: "Sachgebietsleitung Gebäudereinigung", grade: "EG 8", kldb: "54101", staff: [other("Reinigung", "Reinigungskraft", "EG 2", "54101", 160, .cleaning)]),
                     Team(title: "Sachgebietsleitung Objektverwaltung", grade: "EG 11", staff: [verwaltung(8)])]),
        Unit(id: "FB30", name: "FB 30 Recht", parent: "D3", category: "administration",
             headTitle: "Fachbereichsleitung", headGrade: "A 16", headStaff: [other("Rechtsberatung", "Jurist/in", "EG 13", "", 6), verwaltung(3), sekretariat()]),
        Unit(id: "FB32", name: "FB 32 Öffentliche Ordnung", parent: "D3", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "A 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Kommunaler Ordnungsdienst", grade: "A 11", kldb: "", staff: [other("Ordnungsdienst", "Ordnungsdienstkraft", "EG 8", "", 65, .full)]),
                     Team(title: "Sachgebietsleitung Gewerbe", grade: "A 11", staff: [other("Sachbearbeitung Gewerbe", "Sachbearbeiter/in Gewerbe", "EG 9a", "73202", 10)]),
                     Team(title: "Sachgebietsleitung Ausländerbehörde", grade: "A 12", staff: [other("Sachbearbeitung Ausländerrecht", "Sachbearbeiter/in Ausländerrecht", "EG 9b", "73202", 34)]),
                     Team(title: "Sachgebietsleitung Bußgeldstelle", grade: "A 11", staff: [other("Sachbearbeitung Bußgeld", "Sachbearbeiter/in Bußgeld", "EG 8", "73202", 18)]),
                     Team(title: "Sachgebietsleitung Verwaltung", grade: "A 11", staff: [haushalt(2), personal(2), buero(6)])]),
        Unit(id: "FB33", name: "FB 33 Bürgerdienste", parent: "D3", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "A 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Standesamt", grade: "A 12", staff: [other("Standesamt", "Standesbeamt/in", "A 10", "73202", 10)]),
                     Team(title: "Sachgebietsleitung Wahlen und Statistik", grade: "EG 11", staff: [other("Sachbearbeitung Wahlen", "Sachbearbeiter/in Wahlen", "EG 9a", "73202", 5)])]),
        Unit(id: "FB33.1", name: "Bürgerbüro Mitte", parent: "FB33", category: "line",
             headTitle: "Leitung Bürgerbüro", headGrade: "EG 10", headKldb: "73293", headStaff: [buergerservice(26), buero(3)]),
        Unit(id: "FB33.2", name: "Bürgerbüro Nord", parent: "FB33", category: "line",
             headTitle: "Leitung Bürgerbüro", headGrade: "EG 9c", headKldb: "73293", headStaff: [buergerservice(3, fixed: true)]),
        Unit(id: "FB33.3", name: "Bürgerbüro Süd", parent: "FB33", category: "line",
             headTitle: "Leitung Bürgerbüro", headGrade: "EG 9c", headKldb: "73293", headStaff: [buergerservice(3, fixed: true)]),
        Unit(id: "FB33.4", name: "Bürgerbüro West", parent: "FB33", category: "line",
             headTitle: "Leitung Bürgerbüro", headGrade: "EG 10", headKldb: "73293", headStaff: [buergerservice(10, grade: "EG 9b")]),
        Unit(id: "FB36", name: "FB 36 Straßenverkehr", parent: "D3", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "A 14", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Zulassungsstelle", grade: "A 11", staff: [buergerservice(30)]),
                     Team(title: "Sachgebietsleitung Fahrerlaubnisbehörde", grade: "A 11", staff: [other("Sachbearbeitung Fahrerlaubnis", "Sachbearbeiter/in Fahrerlaubnis", "EG 9a", "73202", 12)]),
                     Team(title: "Sachgebietsleitung Verkehrslenkung", grade: "EG 12", staff: [other("Verkehrsplanung", "Verkehrsplaner/in", "EG 11", "", 6)])]),
        Unit(id: "FB37", name: "FB 37 Feuerwehr", parent: "D3", category: "line",
             headTitle: "Leitung der Feuerwehr", headGrade: "A 16", headKldb: "", headStaff: [sekretariat()],
             teams: (1...6).map(fireWatch) + [
                Team(title: "Sachgebietsleitung Rettungsdienst", grade: "A 12", kldb: "", staff: [other("Notfallsanitäter/in", "Notfallsanitäter/in", "EG 9a", "81342", 55, .full)]),
                Team(title: "Sachgebietsleitung Vorbeugender Brandschutz", grade: "A 13", kldb: "", staff: [other("Brandschutzprüfung", "Brandschutzprüfer/in", "A 10", "53132", 10, .full)]),
                Team(title: "Sachgebietsleitung Leitstelle", grade: "A 12", kldb: "", staff: [other("Leitstellendisposition", "Disponent/in", "A 9", "53132", 16, .full)]),
                Team(title: "Sachgebietsleitung Verwaltung Feuerwehr", grade: "EG 11", staff: [verwaltung(5), personal(2), haushalt(2)])]),
        Unit(id: "FB40", name: "FB 40 Schule und Sport", parent: "D4", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "A 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Schulverwaltung", grade: "A 12", staff: [other("Sachbearbeitung Schulverwaltung", "Sachbearbeiter/in Schulverwaltung", "EG 9a", "73202", 10)]),
                     Team(title: "Sachgebietsleitung Schulsekretariate", grade: "EG 9a", kldb: "71402", staff: [other("Schulsekretariat", "Schulsekretär/in", "EG 6", "71402", 80)]),
                     Team(title: "Sachgebietsleitung Schülerbeförderung", grade: "EG 10", staff: [other("Sachbearbeitung Schülerbeförderung", "Sachbearbeiter/in", "EG 8", "73202", 5)]),
                     Team(title: "Sachgebietsleitung Sport und Bäder", grade: "EG 11", staff: [other("Sachbearbeitung Sport", "Sachbearbeiter/in Sport", "EG 9a", "73202", 5), other("Bäderbetrieb", "Fachangestellte/r für Bäderbetriebe", "EG 6", "", 30, .full)]),
                     Team(title: "Sachgebietsleitung Verwaltung", grade: "EG 11", staff: [haushalt(2), personal(1), buero(3)])]),
        Unit(id: "FB50", name: "FB 50 Soziales", parent: "D4", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "A 16", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Hilfe zur Pflege", grade: "A 12", staff: [sozialleistungen(34)]),
                     Team(title: "Sachgebietsleitung Grundsicherung", grade: "A 12", staff: [sozialleistungen(60)]),
                     Team(title: "Sachgebietsleitung Eingliederungshilfe", grade: "A 12", staff: [sozialleistungen(20), sozialarbeit(10)]),
                     Team(title: "Sachgebietsleitung Wohngeld", grade: "A 11", staff: [other("Sachbearbeitung Wohngeld", "Sachbearbeiter/in Wohngeld", "EG 9a", "73202", 22)]),
                     Team(title: "Sachgebietsleitung Asyl und Unterbringung", grade: "A 12", staff: [sozialleistungen(14), sozialarbeit(12), hausmeister(6)]),
                     Team(title: "Sachgebietsleitung Betreuungsstelle", grade: "EG 11", staff: [sozialarbeit(8)]),
                     Team(title: "Sachgebietsleitung Verwaltung", grade: "A 11", staff: [haushalt(3), personal(2), buero(10)])]),
        Unit(id: "FB51", name: "FB 51 Jugend und Familie", parent: "D4", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Wirtschaftliche Jugendhilfe", grade: "A 12", staff: [other("Sachbearbeitung Wirtschaftliche Jugendhilfe", "Sachbearbeiter/in", "EG 9b", "73202", 18)]),
                     Team(title: "Sachgebietsleitung Jugendförderung", grade: "EG 12", staff: [sozialarbeit(14)]),
                     Team(title: "Sachgebietsleitung Unterhaltsvorschuss und Beistandschaften", grade: "A 11", staff: [other("Sachbearbeitung Unterhaltsvorschuss", "Sachbearbeiter/in", "EG 9a", "73202", 16)]),
                     Team(title: "Sachgebietsleitung Elternbeiträge", grade: "EG 11", staff: [other("Sachbearbeitung Elternbeiträge", "Sachbearbeiter/in", "EG 8", "73202", 10)]),
                     Team(title: "Sachgebietsleitung Verwaltung", grade: "A 11", staff: [haushalt(3), personal(2), buero(5)])]),
        Unit(id: "FB51.1", name: "Kindertagesstätten", parent: "FB51", category: "line",
             headTitle: "Abteilungsleitung Kindertagesstätten", headGrade: "S 17", headKldb: "83194", kitas: true),
        Unit(id: "FB55", name: "FB 55 Allgemeiner Sozialer Dienst", parent: "D4", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headKldb: "83194", headStaff: [sekretariat(), buero(6)],
             teams: ["Mitte", "Nord", "Süd", "West", "Ost"].map(asd) + [
                Team(title: "Sachgebietsleitung Pflegekinderdienst", grade: "S 17", kldb: "83194", staff: [sozialarbeit(8, grade: "S 14")]),
                Team(title: "Sachgebietsleitung Jugendgerichtshilfe", grade: "S 15", kldb: "83194", staff: [sozialarbeit(6, grade: "S 14")])]),
        Unit(id: "FB53", name: "FB 53 Gesundheit", parent: "D4", category: "line",
             headTitle: "Amtsärztin/Amtsarzt", headGrade: "EG 15", headKldb: "81404", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Amtsärztlicher Dienst", grade: "EG 15", kldb: "81404", staff: [other("Ärztlicher Dienst", "Ärztin/Arzt", "EG 15", "81404", 8), other("Sozialmedizinische Assistenz", "Sozialmedizinische/r Assistent/in", "EG 8", "81302", 8)]),
                     Team(title: "Sachgebietsleitung Kinder- und Jugendgesundheitsdienst", grade: "EG 15", kldb: "81404", staff: [other("Ärztlicher Dienst", "Ärztin/Arzt", "EG 15", "81404", 6), other("Gesundheits- und Kinderkrankenpflege", "Gesundheits- und Kinderkrankenpfleger/in", "EG 8", "81302", 10)]),
                     Team(title: "Sachgebietsleitung Infektionsschutz und Hygiene", grade: "EG 12", staff: [other("Hygienekontrolle", "Hygienekontrolleur/in", "EG 9a", "", 12)]),
                     Team(title: "Sachgebietsleitung Sozialpsychiatrischer Dienst", grade: "EG 13", kldb: "83194", staff: [sozialarbeit(8)]),
                     Team(title: "Sachgebietsleitung Verwaltung", grade: "EG 11", staff: [verwaltung(6), haushalt(1)])]),
        Unit(id: "FB60", name: "FB 60 Stadtentwicklung und Planung", parent: "D5", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headStaff: [sekretariat()],
             teams: ["Stadtentwicklung", "Bauleitplanung Nord", "Bauleitplanung Süd", "Bauleitplanung Mitte", "Verkehrsentwicklung",
                     "Stadterneuerung", "Geoinformation", "Statistik und Wahlen", "Wohnbauflächen", "Denkmalschutz", "Projektsteuerung", "Fördermittel"].map {
                         Team(title: "Sachgebietsleitung \($0)", grade: "EG 13", staff: [other("Stadtplanung", "Stadtplaner/in", "EG 12", "", 1, fixed: true)])
                     }),
        Unit(id: "FB61", name: "FB 61 Bauordnung", parent: "D5", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "A 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Baugenehmigung Nord", grade: "A 13", staff: [ingenieur(8, "Ingenieur/in Bauaufsicht"), other("Sachbearbeitung Baugenehmigung", "Sachbearbeiter/in", "EG 9b", "73202", 4)]),
                     Team(title: "Sachgebietsleitung Baugenehmigung Süd", grade: "A 13", staff: [ingenieur(8, "Ingenieur/in Bauaufsicht"), other("Sachbearbeitung Baugenehmigung", "Sachbearbeiter/in", "EG 9b", "73202", 4)]),
                     Team(title: "Sachgebietsleitung Bauüberwachung", grade: "A 13", staff: [ingenieur(6, "Ingenieur/in Bauüberwachung")]),
                     Team(title: "Sachgebietsleitung Verwaltung", grade: "EG 10", staff: [buero(5)])]),
        Unit(id: "FB66", name: "FB 66 Tiefbau", parent: "D5", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Straßenplanung", grade: "EG 13", kldb: "31104", staff: [ingenieur(10, "Ingenieur/in Tiefbau")]),
                     Team(title: "Sachgebietsleitung Straßenunterhaltung", grade: "EG 10", kldb: "", staff: [other("Straßenunterhaltung", "Straßenwärter/in", "EG 5", "", 55, .full), kraftfahrer(8)]),
                     Team(title: "Sachgebietsleitung Brücken und Ingenieurbauwerke", grade: "EG 13", kldb: "31104", staff: [ingenieur(5, "Ingenieur/in Konstruktiver Ingenieurbau")]),
                     Team(title: "Sachgebietsleitung Verkehrstechnik", grade: "EG 11", kldb: "", staff: [other("Verkehrstechnik", "Techniker/in Verkehrstechnik", "EG 9b", "", 6)]),
                     Team(title: "Sachgebietsleitung Verwaltung", grade: "EG 10", staff: [verwaltung(4), haushalt(2)])]),
        Unit(id: "FB67", name: "FB 67 Grünflächen und Friedhöfe", parent: "D5", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 14", headStaff: [sekretariat()],
             teams: [Team(title: "Sachgebietsleitung Grünflächenpflege Nord", grade: "EG 9a", kldb: "12142", staff: [gaertner(48), kraftfahrer(6)]),
                     Team(title: "Sachgebietsleitung Grünflächenpflege Süd", grade: "EG 9a", kldb: "12142", staff: [gaertner(48)]),
                     Team(title: "Sachgebietsleitung Friedhöfe", grade: "EG 9a", staff: [gaertner(16), other("Friedhofsverwaltung", "Sachbearbeiter/in Friedhofsverwaltung", "EG 8", "73202", 4)]),
                     Team(title: "Sachgebietsleitung Baumpflege", grade: "EG 9b", kldb: "12142", staff: [other("Baumpflege", "Baumpfleger/in", "EG 6", "12142", 8, .full)]),
                     Team(title: "Sachgebietsleitung Planung", grade: "EG 12", kldb: "", staff: [other("Landschaftsarchitektur", "Landschaftsarchitekt/in", "EG 11", "", 4), buero(4)])]),
        Unit(id: "FB69", name: "FB 69 Umwelt und Klimaschutz", parent: "D5", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headStaff: [sekretariat(), buero(2)],
             teams: [Team(title: "Sachgebietsleitung Untere Umweltschutzbehörde", grade: "EG 13", staff: [other("Sachbearbeitung Umweltschutz", "Sachbearbeiter/in Umweltschutz", "EG 10", "", 10)]),
                     Team(title: "Sachgebietsleitung Klimaschutz", grade: "EG 13", staff: [other("Klimaschutzmanagement", "Klimaschutzmanager/in", "EG 11", "", 5)]),
                     Team(title: "Sachgebietsleitung Abfallwirtschaft", grade: "EG 12", staff: [other("Sachbearbeitung Abfallgebühren", "Sachbearbeiter/in Abfallgebühren", "EG 8", "73202", 8)]),
                     Team(title: "Sachgebietsleitung Untere Naturschutzbehörde", grade: "EG 12", staff: [other("Sachbearbeitung Naturschutz", "Sachbearbeiter/in Naturschutz", "EG 10", "", 6)])]),
        Unit(id: "FB41", name: "FB 41 Kultur", parent: "D5", category: "line",
             headTitle: "Fachbereichsleitung", headGrade: "EG 15", headStaff: [sekretariat(), haushalt(1), buero(2)],
             teams: [Team(title: "Sachgebietsleitung Kulturbüro", grade: "EG 12", kldb: "", staff: [other("Kulturmanagement", "Kulturmanager/in", "EG 10", "", 5)])]),
        Unit(id: "FB41.1", name: "Stadtbücherei", parent: "FB41", category: "line",
             headTitle: "Leitung Stadtbücherei", headGrade: "EG 12", headKldb: "",
             headStaff: [other("Bibliotheksdienst", "Fachangestellte/r für Medien- und Informationsdienste", "EG 8", "", 30), other("Bibliothekswesen", "Bibliothekar/in", "EG 10", "", 6)]),
        Unit(id: "FB41.2", name: "Stadtarchiv", parent: "FB41", category: "line",
             headTitle: "Leitung Stadtarchiv", headGrade: "EG 13", headKldb: "",
             headStaff: [other("Archivwesen", "Archivar/in", "EG 10", "", 2, fixed: true), other("Bürokraft", "Verwaltungsfachangestellte/r", "EG 5", "71402", 1, fixed: true)]),
        Unit(id: "FB41.3", name: "Stadtmuseum", parent: "FB41", category: "line",
             headTitle: "Leitung Stadtmuseum", headGrade: "EG 13", headKldb: "",
             headStaff: [other("Museumspädagogik", "Museumspädagog/in", "EG 10", "", 2, fixed: true), other("Museumsaufsicht", "Aufsicht", "EG 3", "", 2, .music, fixed: true)]),
        Unit(id: "FB41.4", name: "Musikschule", parent: "FB41", category: "line",
             headTitle: "Leitung Musikschule", headGrade: "EG 13", headKldb: "",
             headStaff: [buero(2), other("Musikunterricht", "Musikschullehrkraft", "EG 9b", "", 45, .music)]),
    ]

    // MARK: Building

    static func build(scale: Double, random: inout SampleRandom) -> Result {
        var units: [SampleOrgUnit] = []
        var positions: [SamplePosition] = []
        var headOf: [String: String] = [:]
        var weight: [String: Int64] = [:]

        func scaled(_ staff: Staff) -> Int {
            if staff.fixed { return staff.count }
            return max(1, Int((Double(staff.count) * scale).rounded()))
        }

        func add(unit: String, supervisor: String?, title: String, function: String, grade: String, kldb: String,
                 leader: Bool, partTime: PartTime) -> String {
            let id = "P-" + String(positions.count + 1).leftPadded(6)
            var fte: Int64 = 10_000
            let r = random.below(100)
            switch leader ? .full : partTime {
            case .full: fte = leader && function == "Sachgebietsleitung" && r < 5 ? 8_000 : 10_000
            case .usual: fte = r < 80 ? 10_000 : r < 87 ? 5_000 : r < 94 ? 7_500 : r < 98 ? 8_000 : 6_000
            case .cleaning: fte = r < 40 ? 5_000 : r < 70 ? 7_500 : r < 80 ? 6_250 : 10_000
            case .kita: fte = r < 65 ? 10_000 : r < 80 ? 7_500 : r < 92 ? 8_000 : 5_000
            case .music: fte = r < 40 ? 5_000 : r < 70 ? 7_500 : 10_000
            }
            // Vacancies: about 5 % overall, more in IT and engineering (hard to fill), fewer among leaders.
            let hardToFill = kldb.hasPrefix("431") || kldb == "31104"
            let vacancyChance = leader ? 0.025 : hardToFill ? 0.16 : 0.05
            var vacantSince: CivilDate? = nil
            if random.chance(vacancyChance) {
                // Two thirds within 2025, one third since mid-2023 (more than 12 months before 2026-01-01).
                let start = random.chance(0.34) ? CivilDate(year: 2023, month: 7, day: 1)! : CivilDate(year: 2025, month: 1, day: 1)!
                let end = random.chance(0.34) && start.year == 2023 ? CivilDate(year: 2024, month: 12, day: 31)! : CivilDate(year: 2025, month: 12, day: 31)!
                vacantSince = start.adding(days: random.below(end.dayNumber - start.dayNumber + 1))
            }
            positions.append(SamplePosition(id: id, orgUnitId: unit, supervisorId: supervisor, title: title, function: function,
                                            payGrade: grade, fteUnits: fte, isVacant: vacantSince != nil, vacantSince: vacantSince,
                                            isLeadership: leader, kldb: kldb))
            weight[unit, default: 0] += fte
            return id
        }

        func addStaff(_ list: [Staff], unit: String, supervisor: String) {
            for staff in list {
                for _ in 0..<scaled(staff) {
                    _ = add(unit: unit, supervisor: supervisor, title: staff.title, function: staff.function, grade: staff.grade,
                            kldb: staff.kldb, leader: false, partTime: staff.partTime)
                }
            }
        }

        for spec in specs {
            units.append(SampleOrgUnit(id: spec.id, name: spec.name, parentId: spec.parent, category: spec.category))
            let supervisor = spec.parent.flatMap { headOf[$0] }
            let function = spec.id == "VV" ? "Verwaltungsführung" : spec.category == "leadership" ? "Dezernatsleitung" : "Leitung Organisationseinheit"
            let head = add(unit: spec.id, supervisor: supervisor, title: spec.headTitle, function: function, grade: spec.headGrade,
                           kldb: spec.headKldb, leader: true, partTime: .full)
            headOf[spec.id] = head
            addStaff(spec.headStaff, unit: spec.id, supervisor: head)
            for team in spec.teams {
                let lead = add(unit: spec.id, supervisor: head, title: team.title, function: "Sachgebietsleitung", grade: team.grade,
                               kldb: team.kldb, leader: true, partTime: .full)
                addStaff(team.staff, unit: spec.id, supervisor: lead)
            }
            if spec.kitas { buildKitas(unit: spec.id, head: head, scale: scale, add: add) }
        }

        // Cost centers: scale-independent, about one per 3.3 positions at scale 1, at least three per unit.
        var costCenters: [SampleCostCenter] = []
        var byUnit: [String: [String]] = [:]
        for (ordinal, spec) in specs.enumerated() {
            let base = spec.headStaff.reduce(0) { $0 + $1.count } + spec.teams.reduce(0) { $0 + 1 + $1.staff.reduce(0) { $0 + $1.count } }
                + (spec.kitas ? 500 : 0)
            let n = max(3, base * 10 / 33)
            let names = costCenterNames(spec, count: n)
            for k in 0..<n {
                let id = "KST" + String(10 + ordinal) + String(k + 1).leftPadded(3)
                costCenters.append(SampleCostCenter(id: id, name: names[k], orgUnitId: spec.id))
                byUnit[spec.id, default: []].append(id)
            }
        }
        return Result(units: units, costCenters: costCenters, positions: positions, costCentersByUnit: byUnit, weightByUnit: weight)
    }

    /// The Kita department: Abteilungsleitung → 3 Bezirksleitungen → Kita-Leitungen → staff. The first Kita of
    /// each district is a large family centre with a ständige Vertretung and Gruppenleitungen in between, so
    /// that the unit is six levels deep (Abteilungsleitung → Bezirksleitung → Kita-Leitung → ständige
    /// Vertretung → Gruppenleitung → Erzieher/in); the others are flat (one Kita-Leitung, about 11 staff).
    private static func buildKitas(unit: String, head: String, scale: Double,
                                   add: (String, String?, String, String, String, String, Bool, SampleOrganisation.PartTime) -> String) {
        let perDistrict = max(2, Int((14.0 * scale).rounded()))
        for district in ["Nord", "Mitte", "Süd"] {
            let bez = add(unit, head, "Bezirksleitung Kitas \(district)", "Bezirksleitung Kindertagesstätten", "S 16", "83194", true, .full)
            for kita in 0..<perDistrict {
                let lead = add(unit, bez, "Kita-Leitung", "Kita-Leitung", "S 15", "83194", true, .full)
                _ = add(unit, lead, "Hauswirtschaftskraft", "Hauswirtschaft", "EG 3", "", false, .cleaning)
                if kita == 0 {
                    let deputy = add(unit, lead, "Ständige Vertretung Kita-Leitung", "Ständige Vertretung Kita-Leitung", "S 13", "83194", true, .full)
                    for _ in 0..<3 {
                        let group = add(unit, deputy, "Gruppenleitung", "Erzieher/in", "S 8b", "83112", false, .kita)
                        _ = add(unit, group, "Erzieher/in", "Erzieher/in", "S 8a", "83112", false, .kita)
                        _ = add(unit, group, "Erzieher/in", "Erzieher/in", "S 8a", "83112", false, .kita)
                        _ = add(unit, group, "Kinderpfleger/in", "Kinderpflege", "S 4", "83112", false, .kita)
                    }
                } else {
                    for _ in 0..<8 { _ = add(unit, lead, "Erzieher/in", "Erzieher/in", "S 8a", "83112", false, .kita) }
                    for _ in 0..<2 { _ = add(unit, lead, "Kinderpfleger/in", "Kinderpflege", "S 4", "83112", false, .kita) }
                }
            }
        }
    }

    private static func costCenterNames(_ spec: Unit, count: Int) -> [String] {
        var base = ["\(spec.name) – Leitung und Verwaltung"]
        base += spec.teams.map { $0.title.replacingOccurrences(of: "Sachgebietsleitung ", with: "").replacingOccurrences(of: "Leitung ", with: "") }
        if spec.kitas { base += ["Nord", "Mitte", "Süd"].flatMap { d in (1...14).map { "Kita \(d) \($0)" } } }
        var out: [String] = []
        for k in 0..<count {
            if k < base.count { out.append(base[k]) } else { out.append("\(base[k % base.count]) – Objekt \(k / base.count + 1)") }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
