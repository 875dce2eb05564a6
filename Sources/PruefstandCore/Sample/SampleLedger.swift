import Foundation

/// Ledger postings for one fiscal year whose totals per product × account equal the given actuals
/// (before planted findings are added).
///
/// Amounts within a product × account pair are lognormal shares of its total, which makes the leading
/// digits follow Benford's law. Background postings fall on working days only and avoid, by re-drawing the
/// date, the patterns that the audit checks look for (same vendor and amount within 3 days; one vendor with
/// 20,000–24,999.99 EUR twice within 2 days). The planted findings are then added on purpose.
enum SampleLedger {
    struct Result {
        var postings: [SamplePosting]
        var findings: MusterstadtFindings
    }

    /// NRW public holidays of a year. Legal basis: § 2 Feiertagsgesetz NW.
    static func holidays(_ year: Int) -> Set<CivilDate> {
        // Anonymous Gregorian algorithm (Meeus/Jones/Butcher) for Easter Sunday.
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        let easter = CivilDate(year: year, month: month, day: day)!
        let fixed = [(1, 1), (5, 1), (10, 3), (11, 1), (12, 25), (12, 26)].map { CivilDate(year: year, month: $0.0, day: $0.1)! }
        return Set(fixed + [-2, 1, 39, 50, 60].map { easter.adding(days: $0) })
    }

    static func workingDays(_ year: Int) -> [CivilDate] {
        let off = holidays(year)
        let first = CivilDate(year: year, month: 1, day: 1)!
        return (0..<(CivilDate.isLeap(year) ? 366 : 365)).map { first.adding(days: $0) }.filter { $0.weekday < 5 && !off.contains($0) }
    }

    static let roundAmountVendor = "Consulting Quadrat GmbH"

    static let carriers = [
        "AWO Unterbezirk Musterstadt e.V.", "Caritasverband Musterstadt e.V.", "Diakonie Mark-Ruhr gGmbH",
        "DRK-Kreisverband Musterstadt e.V.", "Kinderhaus Sonnenschein e.V.", "Ev. Kirchengemeinde Musterstadt-Mitte",
        "Kath. Kita gGmbH Musterstadt", "Jugendhilfe Westfalen gGmbH", "Sportbund Musterstadt e.V.", "TuS Musterstadt 1889 e.V.",
        "Kulturverein Alte Weberei e.V.", "Lebenshilfe Musterstadt e.V.", "Kinder- und Jugendhilfe Ruhrtal gGmbH",
        "Verein für Heimerziehung \"Haus am See\" e.V.", "Familienzentrum Löwenzahn e.V.",
    ]

    /// About 300 synthetic vendor names (with umlauts, some with `;` and quotes), the same for every seed.
    static let vendors: [String] = {
        var names = [
            "Stadtwerke Musterstadt GmbH", "Musterstädter Entsorgungsbetriebe AöR", "Müller & Söhne GmbH", "Büro-Schäfer KG",
            "IT-Dienstleister \"Süd\" AG", "Grün; Pflege e.K.", "Öffentliche Versicherung Westfalen", "Kanzlei Weiß & Partner",
            "Bäckerei Groß e.K.", "Deutsche Post AG", "Telekom Deutschland GmbH", "Wasserwerke Ruhrtal GmbH",
            "Autohaus Kühn GmbH & Co. KG", "Schulbuchhandlung Lesezeichen e.K.", "Bauunternehmung Schröder; Hoch- und Tiefbau GmbH",
            "Reinigungsdienst \"Blitzblank\" GmbH", roundAmountVendor, "Ingenieurbüro Gößling", "Druckerei Fröhlich KG",
            "Kommunales Rechenzentrum Westfalen", "Energiehandel Märkisches Land AG",
        ]
        let surnames = ["Becker", "Schmitz", "Hoffmann", "Köhler", "Krüger", "Wöhler", "Bäumer", "Schulte", "Brüggemann", "Hülsmann",
                        "Dreier", "Vogt", "Lübke", "Göbel", "Kämper", "Özdemir", "Jäger", "Fuchs", "Peters", "Große-Wächter", "Möller",
                        "Winter", "Sommer", "Klein", "Wolff", "Stöcker", "Oberländer", "Rüther", "Nölle", "Tönnies", "Heße", "Düring",
                        "Blömer", "Kuhlmann", "Pöppelmann", "Strüwer", "Sauerland", "Kowalski", "Nowak", "Yilmaz"]
        let trades = ["Elektrotechnik", "Sanitär", "Dachdeckerei", "Malerbetrieb", "Gartenbau", "Bürobedarf", "Gebäudereinigung",
                      "Haustechnik", "Ingenieurbüro", "Tiefbau", "Fahrzeugtechnik", "Sicherheitsdienst", "Catering", "Druck & Medien",
                      "Softwarehaus", "Umzüge", "Schlüsseldienst", "Metallbau", "Beratung", "Schreinerei"]
        let forms = ["GmbH", "GmbH & Co. KG", "KG", "e.K.", "AG", "OHG", "GbR"]
        var random = SampleRandom(seed: 0x4D55_5354_4552)
        var seen = Set(names)
        while names.count < 300 {
            let s = random.pick(surnames), t = random.pick(trades), f = random.pick(forms)
            let name = random.chance(0.5) ? "\(t) \(s) \(f)" : "\(s) \(t) \(f)"
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }()

    private struct Item {
        var pair: SampleBudget.Pair
        var day: Int
        var costCenter: String
        var description: String
        var vendor: String
        var cents: Int64
        var plant = Plant.none
        var group = 0
    }

    private enum Plant: Equatable { case none, duplicate, split, nonWorkingDay, round }

    private struct AmountKey: Hashable { var vendor: String; var cents: Int64 }

    static func build(year: Int, targets: [SampleBudget.Pair: Int64], postingCount: Int, budget: SampleBudget.Result,
                      organisation: SampleOrganisation.Result, plant: Bool, random: inout SampleRandom) -> Result {
        let days = workingDays(year).map(\.dayNumber)
        // The round-amount vendor only appears in its planted postings, so that its share of round amounts stands out.
        let vendorWeights = cumulativeWeights(vendors.indices.map { vendors[$0] == roundAmountVendor ? 0 : Int64(1_000_000 / SampleMath.sqrt(Double($0 + 1))) })
        let pairs = targets.keys.sorted()
        let sqrtWeights = pairs.map { SampleMath.sqrt(Double(targets[$0]! / 100)) }
        // Pairs paid to or by one party (taxes, allocations) get at most 12 postings and no share of the rest.
        let capped = pairs.map { pair -> Bool in if case .fixed = SampleBudget.specByAccount[pair.account]!.vendors { return true } else { return false } }
        let weightSum = zip(sqrtWeights, capped).reduce(0.0) { $0 + ($1.1 ? 0 : $1.0) }

        var items: [Item] = []
        items.reserveCapacity(postingCount + postingCount / 10)
        var byAmount: [AmountKey: [Int]] = [:]
        var splitBand: [String: [Int]] = [:]

        func conflicts(_ item: Item, day: Int) -> Bool {
            if let list = byAmount[AmountKey(vendor: item.vendor, cents: item.cents)], list.contains(where: { abs($0 - day) <= 3 }) { return true }
            if !item.vendor.isEmpty, (2_000_000..<2_500_000).contains(item.cents),
               let list = splitBand[item.vendor], list.contains(where: { abs($0 - day) <= 2 }) { return true }
            return false
        }
        func register(_ item: Item) {
            byAmount[AmountKey(vendor: item.vendor, cents: item.cents), default: []].append(item.day)
            if !item.vendor.isEmpty, (2_000_000..<2_500_000).contains(item.cents) { splitBand[item.vendor, default: []].append(item.day) }
        }

        let yearText = String(year)
        for (index, pair) in pairs.enumerated() {
            let target = targets[pair]!
            let spec = SampleBudget.specByAccount[pair.account]!
            let n = capped[index] ? 12 : max(1, Int(Double(postingCount) * sqrtWeights[index] / weightSum))
            let weights = (0..<n).map { _ in max(1, Int64(random.logNormal(mu: 0, sigma: 1.15) * 1_000_000)) }
            var amounts = Money(cents: target).allocated(weights).map(\.cents)
            if n >= 3 {
                let largest = amounts.indices.max { amounts[$0] < amounts[$1] }!
                let group = pair.account.prefix(2)
                for k in amounts.indices where k != largest {
                    if pair.account.hasPrefix("5") && random.chance(0.015) {
                        // A reversal or credit note; the largest posting absorbs the difference.
                        amounts[largest] += 2 * amounts[k]; amounts[k] = -amounts[k]
                    } else if (group == "52" || group == "54") && amounts[k] >= 20_000 && random.chance(0.05) {
                        let rounded = (amounts[k] + 5_000) / 10_000 * 10_000
                        amounts[largest] += amounts[k] - rounded; amounts[k] = rounded
                    }
                }
            }
            let units = budget.unitByProduct[pair.product]!
            let centers = organisation.costCentersByUnit[units]!
            for cents in amounts {
                let vendor: String
                switch spec.vendors {
                case .none: vendor = ""
                case .general: vendor = vendors[random.weighted(vendorWeights)]
                case .carriers: vendor = random.pick(carriers)
                case .fixed(let name): vendor = name
                }
                var item = Item(pair: pair, day: 0, costCenter: random.pick(centers), description: "", vendor: vendor, cents: cents)
                var day = days[random.below(days.count)]
                for _ in 0..<12 where conflicts(item, day: day) { day = days[random.below(days.count)] }
                item.day = day
                let month = CivilDate(dayNumber: day).month
                var text = "\(random.pick(spec.texts)) \(month < 10 ? "0" : "")\(month)/\(yearText)"
                if !vendor.isEmpty && spec.vendors == .general { text += " Rg. \(random.int(10_000...99_999))" }
                if random.chance(0.01) { text += "; Nachtrag \"lt. Vertrag\"" }
                item.description = text
                register(item)
                items.append(item)
            }
        }

        var findings = MusterstadtFindings()
        if plant { plantFindings(&items, days: days, year: year, random: &random, findings: &findings) }

        // Order by date (stable), then number the documents.
        let order = items.indices.sorted { (items[$0].day, $0) < (items[$1].day, $1) }
        var postings: [SamplePosting] = []
        postings.reserveCapacity(items.count)
        var duplicateIds: [Int: [String]] = [:], splitIds: [Int: [String]] = [:]
        for (k, i) in order.enumerated() {
            let item = items[i]
            let id = "B\(year)-" + String(k + 1).leftPadded(7)
            postings.append(SamplePosting(fiscalYear: year, date: CivilDate(dayNumber: item.day), documentId: id, product: item.pair.product,
                                          costCenter: item.costCenter, account: item.pair.account, description: item.description,
                                          vendor: item.vendor, amountCents: item.cents))
            switch item.plant {
            case .duplicate: duplicateIds[item.group, default: []].append(id)
            case .split: splitIds[item.group, default: []].append(id)
            case .nonWorkingDay: findings.nonWorkingDayPostings.append(id)
            default: break
            }
        }
        if plant {
            findings.duplicatePayments = duplicateIds.keys.sorted().compactMap { g in
                let ids = duplicateIds[g]!; return ids.count == 2 ? DocumentPair(first: ids[0], second: ids[1]) : nil
            }
            findings.splitPayments = splitIds.keys.sorted().map { splitIds[$0]! }
            findings.roundAmountVendor = roundAmountVendor
            // Two document ids used twice: a later posting repeats an earlier posting's id.
            let protected = Set(findings.nonWorkingDayPostings + findings.duplicatePayments.flatMap { [$0.first, $0.second] } + findings.splitPayments.flatMap { $0 })
            var reused: [String] = []
            while reused.count < 2 {
                let a = random.below(postings.count - 1)
                let b = a + 1 + random.below(min(200, postings.count - a - 1))
                guard !protected.contains(postings[a].documentId), !protected.contains(postings[b].documentId),
                      postings[a].amountCents != postings[b].amountCents, !reused.contains(postings[a].documentId) else { continue }
                postings[b].documentId = postings[a].documentId
                reused.append(postings[a].documentId)
            }
            findings.reusedDocumentIds = reused
        }
        return Result(postings: postings, findings: findings)
    }

    private static func plantFindings(_ items: inout [Item], days: [Int], year: Int, random: inout SampleRandom, findings: inout MusterstadtFindings) {
        let daySet = Set(days)
        // 10 duplicate payments: a general-vendor posting of 1,000–20,000 EUR repeated 1–3 days later.
        var group = 0
        var tries = 0
        while group < 10 && tries < 100_000 {
            tries += 1
            let i = random.below(items.count)
            let item = items[i]
            guard item.plant == .none, !item.vendor.isEmpty, item.cents >= 100_000, item.cents < 2_000_000,
                  item.pair.account.hasPrefix("52") || item.pair.account.hasPrefix("54"),
                  let offset = (1...3).first(where: { daySet.contains(item.day + $0) }) else { continue }
            group += 1
            items[i].plant = .duplicate; items[i].group = group
            var copy = item
            copy.day = item.day + offset
            copy.plant = .duplicate; copy.group = group
            items.append(copy)
        }
        // 3 split payments: one vendor, 2–3 invoices of 24,000–24,990 EUR within 2 days, same product and account.
        let splitPairs = Array(Set(items.filter { $0.pair.account == "529100" || $0.pair.account == "521100" }.map(\.pair))).sorted()
        let splitVendors = ["Bauunternehmung Schröder; Hoch- und Tiefbau GmbH", "Ingenieurbüro Gößling", "Reinigungsdienst \"Blitzblank\" GmbH"]
        for (g, vendor) in splitVendors.enumerated() {
            let pair = splitPairs[random.below(splitPairs.count)]
            let j = random.below(days.count - 1)
            let template = items.first { $0.pair == pair }!
            for part in 0..<(g == 1 ? 3 : 2) {
                let day = part == 1 && days[j + 1] - days[j] <= 2 ? days[j + 1] : days[j]
                let cents = Int64(2_400_000 + random.below(99_000))
                items.append(Item(pair: pair, day: day, costCenter: template.costCenter,
                                  description: "Rechnung Teil \(part + 1) Auftrag \(random.int(1000...9999))/\(year)", vendor: vendor,
                                  cents: cents, plant: .split, group: 100 + g))
            }
        }
        // 30 round amounts of one consulting vendor on 542100 (Inanspruchnahme von Rechten und Diensten).
        let consulting = Array(Set(items.filter { $0.pair.account == "542100" }.map(\.pair))).sorted()
        var multiples = Array(2...40)
        random.shuffle(&multiples)
        for multiple in multiples.prefix(30) {
            let pair = consulting[random.below(consulting.count)]
            let template = items.first { $0.pair == pair }!
            let day = days[random.below(days.count)]
            items.append(Item(pair: pair, day: day, costCenter: template.costCenter, description: "Beratungsleistung Pauschale \(random.int(1...12))/\(year)",
                              vendor: roundAmountVendor, cents: Int64(multiple) * 50_000, plant: .round))
        }
        // 24 postings on weekends or NRW public holidays.
        let holidayList = holidays(year).sorted().map(\.dayNumber)
        var moved = 0
        while moved < 24 {
            let i = random.below(items.count)
            guard items[i].plant == .none else { continue }
            if moved < 8 {
                items[i].day = holidayList[moved % holidayList.count]
            } else {
                let d = items[i].day
                let weekday = CivilDate(dayNumber: d).weekday
                items[i].day = d + (5 - weekday) + (moved % 2)   // the Saturday or Sunday of that week
                if CivilDate(dayNumber: items[i].day).year != year { items[i].day -= 7 }
            }
            items[i].plant = .nonWorkingDay
            moved += 1
        }
    }
}
