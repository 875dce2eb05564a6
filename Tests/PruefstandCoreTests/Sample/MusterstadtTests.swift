import Foundation
import Testing
@testable import PruefstandCore

/// Tests of the Musterstadt sample generator. Structure tests read the committed files in
/// `Datasets/musterstadt/` (scale 1, seed 2026); ledger and determinism tests generate at a small scale.
@Suite("Musterstadt sample")
struct MusterstadtTests {
    static let datasetDirectory = TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt")

    /// A small sample shared by the tests (generation is deterministic, so sharing is safe).
    static let small: MusterstadtSample = try! MusterstadtGenerator(scale: 0.02, seed: 7).generate()

    /// Minimal RFC 4180 reader for the test's own checks (quoted fields, doubled quotes).
    static func parseCSV(_ text: String, separator: Character = ",") -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == separator { row.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
            else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    static func committed(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: datasetDirectory.appendingPathComponent(name), encoding: .utf8)
        let rows = parseCSV(text)
        let header = rows[0]
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    // MARK: Determinism

    @Test("the same scale and seed give byte-identical files; another seed gives other files")
    func determinism() throws {
        let again = try MusterstadtGenerator(scale: 0.02, seed: 7).generate().files()
        let first = Self.small.files()
        #expect(first.map(\.name) == MusterstadtGenerator.fileNames)
        for (a, b) in zip(first, again) { #expect(a.bytes == b.bytes, "\(a.name) differs between two runs") }
        let other = try MusterstadtGenerator(scale: 0.02, seed: 8).generate().files()
        #expect(first.first { $0.name == "ledger-2025.csv" }!.bytes != other.first { $0.name == "ledger-2025.csv" }!.bytes)
    }

    @Test("the committed files except the ledgers are what the generator writes at scale 1, seed 2026")
    func committedFilesMatchGenerator() throws {
        // The ledgers are left out to keep the test fast; the other parts draw from streams of their own.
        let sample = try MusterstadtGenerator(scale: 1).generate(ledgers: false)
        let checked = ["orgunits.csv", "costcenters.csv", "positions.csv", "vacancies.csv", "paycosts.csv", "plan.csv", "codes.csv"]
        #expect(sample.files().filter { checked.contains($0.name) }.count == checked.count)
        for file in sample.files() where checked.contains(file.name) {
            let disk = try Data(contentsOf: Self.datasetDirectory.appendingPathComponent(file.name))
            #expect([UInt8](disk) == file.bytes, "\(file.name) is stale: run pruefstand sample musterstadt --out Datasets/musterstadt")
        }
    }

    @Test("without the ledgers the other files are those of the whole sample")
    func withoutLedgers() throws {
        let whole = Self.small.files(), part = try MusterstadtGenerator(scale: 0.02, seed: 7).generate(ledgers: false).files()
        #expect(part.map(\.name) == whole.map(\.name))
        for (a, b) in zip(part, whole) where !a.name.hasPrefix("ledger-") { #expect(a.bytes == b.bytes, "\(a.name)") }
        #expect(part.filter { $0.name.hasPrefix("ledger-") }.map { $0.bytes.filter { $0 == 0x0A }.count } == [1, 1], "the ledgers: a header, no rows")
    }

    @Test("scale outside 0.001…10 is rejected")
    func scaleValidation() {
        #expect(throws: PruefstandError.self) { try MusterstadtGenerator(scale: 0) }
        #expect(throws: PruefstandError.self) { try MusterstadtGenerator(scale: 11) }
    }

    // MARK: Budget magnitudes (independent of the scale)

    @Test("plan 2026: about 1 bn EUR expenses, a deficit of 60–90 M EUR, Hagen-like shares")
    func planMagnitudes() {
        let plan26 = Self.small.planLines.filter { $0.fiscalYear == 2026 && $0.kind == "plan" }
        func total(_ prefix: String) -> Int64 { plan26.filter { $0.account.hasPrefix(prefix) }.reduce(0) { $0 + $1.amountCents } }
        let expenses = total("5"), revenue = total("4")
        #expect((90_000_000_000...120_000_000_000).contains(expenses))
        #expect((6_000_000_000...9_000_000_000).contains(expenses - revenue))
        let personnel = total("50") + total("51")
        #expect(personnel * 100 / expenses >= 25 && personnel * 100 / expenses <= 32)
        #expect((2_000_000_000...2_500_000_000).contains(total("55")))
        #expect((6_000_000_000...7_000_000_000).contains(total("401200")))
        #expect((14_000_000_000...16_000_000_000).contains(total("401300")))
        #expect((19_000_000_000...23_000_000_000).contains(total("411100")))
        let products = Set(plan26.map(\.product))
        #expect((300...450).contains(products.count))
        #expect(Set(products.map { String($0.prefix(2)) }).count == 17)
        #expect(Set(Self.small.planLines.map { "\($0.fiscalYear) \($0.kind)" }) == ["2024 actual", "2025 plan", "2026 plan"])
    }

    @Test("ledger 2024 (no planted findings) adds up to the 2024 actuals of plan.csv per product and account")
    func ledger2024ReconcilesWithActuals() {
        var ledger: [String: Int64] = [:]
        for p in Self.small.ledger2024 { ledger["\(p.product) \(p.account)", default: 0] += p.amountCents }
        var actual: [String: Int64] = [:]
        for l in Self.small.planLines where l.fiscalYear == 2024 { actual["\(l.product) \(l.account)"] = l.amountCents }
        #expect(ledger == actual)
    }

    // MARK: Ledger 2025 findings, checked independently of what the generator reports

    @Test("ledger 2025 holds exactly the planted duplicates, reused ids, splits and non-working-day postings")
    func plantedLedgerFindings() {
        let postings = Self.small.ledger2025
        let findings = Self.small.findings
        // Same vendor, same amount, within 3 days, different document ids.
        var byKey: [String: [SamplePosting]] = [:]
        for p in postings { byKey["\(p.vendor)|\(p.amountCents)", default: []].append(p) }
        var duplicates = 0
        for list in byKey.values where list.count > 1 {
            for i in list.indices { for j in list.indices where j > i {
                if abs(list[i].date.dayNumber - list[j].date.dayNumber) <= 3 && list[i].documentId != list[j].documentId { duplicates += 1 }
            } }
        }
        #expect(duplicates == 10)
        #expect(findings.duplicatePayments.count == 10)
        // Document ids used twice.
        var idCount: [String: Int] = [:]
        for p in postings { idCount[p.documentId, default: 0] += 1 }
        #expect(idCount.filter { $0.value > 1 }.keys.sorted() == findings.reusedDocumentIds.sorted())
        #expect(findings.reusedDocumentIds.count == 2)
        // Split payments: expense postings of 20,000–24,999.99 EUR, same vendor, within 2 days.
        let band = postings.filter { !$0.vendor.isEmpty && $0.account.hasPrefix("5") && (2_000_000..<2_500_000).contains($0.amountCents) }
        var splitVendors = Set<String>()
        for a in band { for b in band where a.documentId < b.documentId && a.vendor == b.vendor && abs(a.date.dayNumber - b.date.dayNumber) <= 2 {
            splitVendors.insert(a.vendor)
        } }
        #expect(splitVendors.count == 3)
        #expect(findings.splitPayments.map(\.count).sorted() == [2, 2, 3])
        // Weekends and NRW holidays 2025.
        let holidays = Set(SampleLedger.holidays(2025))
        let offDays = postings.filter { $0.date.weekday >= 5 || holidays.contains($0.date) }
        #expect(offDays.count == 24)
        // The planted vendor's amounts are all round (full 100 EUR); the ledger as a whole mostly is not.
        let quadrat = postings.filter { $0.vendor == findings.roundAmountVendor }
        #expect(quadrat.count == 30 && quadrat.allSatisfy { $0.amountCents % 10_000 == 0 })
        let roundShare = Double(postings.filter { $0.amountCents % 10_000 == 0 }.count) / Double(postings.count)
        #expect(roundShare > 0.002 && roundShare < 0.05)
    }

    @Test("NRW public holidays 2025 (Easter Sunday 20 April 2025, § 2 FTG NW)")
    func holidays2025() {
        let expected = ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-09", "2025-06-19",
                        "2025-10-03", "2025-11-01", "2025-12-25", "2025-12-26"]
        #expect(SampleLedger.holidays(2025).map(\.iso).sorted() == expected)
    }

    @Test("ledger 2025 amounts follow Benford's law (first-digit MAD below Nigrini's 0.006 for close conformity)")
    func benford() {
        // 40,000 postings, enough for the MAD's sampling noise to stay well below the bound.
        var random = SampleRandom(seed: 11)
        let org = SampleOrganisation.build(scale: 0.02, random: &random)
        let budget = SampleBudget.build(organisation: org, random: &random)
        let ledger = SampleLedger.build(year: 2025, targets: budget.actual2025, postingCount: 40_000, budget: budget,
                                        organisation: org, plant: false, random: &random).postings
        var counts = [Int](repeating: 0, count: 10)
        for p in ledger where p.amountCents.magnitude >= 1000 {
            var v = p.amountCents.magnitude
            while v >= 10 { v /= 10 }
            counts[Int(v)] += 1
        }
        let n = Double(counts.reduce(0, +))
        let mad = (1...9).map { abs(Double(counts[$0]) / n - log10(1 + 1 / Double($0))) }.reduce(0, +) / 9
        #expect(mad < 0.006)
    }

    @Test("ledger 2025 is in gen_ledger.py's excel-de dialect: German header, ';', decimal comma, Windows-1252, CRLF")
    func excelDialect() throws {
        let bytes = Self.small.files().first { $0.name == "ledger-2025.csv" }!.bytes
        let header = Array("Haushaltsjahr;Buchungsdatum;Belegnummer;Produkt;Kostenstelle;Sachkonto;Buchungstext;Kreditor;Betrag\r\n".utf8)
        #expect(Array(bytes.prefix(header.count)) == header)
        #expect(bytes.contains(0xFC))                                   // ü in Windows-1252
        #expect(!zip(bytes, bytes.dropFirst()).contains { $0 == 0xC3 && $1 == 0xBC })   // not UTF-8
        let text = String(decoding: bytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        let rows = Self.parseCSV(text, separator: ";")
        #expect(rows.dropFirst().allSatisfy { $0.count == 9 })
        #expect(rows[1][1].count == 10 && rows[1][1].dropFirst(2).first == ".")
        #expect(rows.dropFirst().allSatisfy { $0[8].contains(",") && !$0[8].contains(".") })
        #expect(text.contains("\"Bauunternehmung Schr?der; Hoch- und Tiefbau GmbH\""))
    }

    // MARK: Positions (committed files, scale 1)

    @Test("about 3,000 positions; every supervisor exists; one root; no cycles")
    func positionTree() throws {
        let positions = try Self.committed("positions.csv")
        #expect((2_700...3_300).contains(positions.count))
        let ids = Set(positions.map { $0["position_id"]! })
        let supervisor = Dictionary(uniqueKeysWithValues: positions.map { ($0["position_id"]!, $0["supervisor_id"]!) })
        #expect(positions.filter { $0["supervisor_id"]!.isEmpty }.count == 1)
        for (id, sup) in supervisor where !sup.isEmpty { #expect(ids.contains(sup), "\(id) has unknown supervisor \(sup)") }
        for start in ids {
            var seen: Set<String> = [start], current = supervisor[start]!
            while !current.isEmpty {
                #expect(seen.insert(current).inserted, "cycle through \(start)")
                if seen.count > 50 { break }
                current = supervisor[current]!
            }
        }
        let units = Set(try Self.committed("orgunits.csv").map { $0["org_unit"]! })
        #expect((35...45).contains(units.count))
        #expect(positions.allSatisfy { units.contains($0["org_unit"]!) })
        #expect(positions.allSatisfy { PayGrade($0["pay_grade"]!) != nil && FTE($0["fte"]!) != nil })
    }

    @Test("planted structures: spans, depth, leadership share, small siblings, grading outlier, cross-cutting staff")
    func plantedStructures() throws {
        let positions = try Self.committed("positions.csv")
        let units = Dictionary(uniqueKeysWithValues: try Self.committed("orgunits.csv").map { ($0["org_unit"]!, $0) })
        let byId = Dictionary(uniqueKeysWithValues: positions.map { ($0["position_id"]!, $0) })
        func fte(_ p: [String: String]) -> Int64 { FTE(p["fte"]!)!.units }
        // Spans of control (FTE-weighted direct reports) below 5 and at or above 5.
        var span: [String: Int64] = [:]
        for p in positions where !p["supervisor_id"]!.isEmpty { span[p["supervisor_id"]!, default: 0] += fte(p) }
        let leaders = positions.filter { $0["is_leadership"] == "true" }
        #expect(leaders.contains { span[$0["position_id"]!, default: 0] < 50_000 })
        #expect(leaders.contains { span[$0["position_id"]!, default: 0] >= 200_000 })
        // Depth inside a unit: six levels only in FB51.1.
        var depth: [String: Int] = [:]
        for p in positions {
            var d = 1, current = p
            while let sup = byId[current["supervisor_id"]!], sup["org_unit"] == p["org_unit"] { d += 1; current = sup }
            depth[p["org_unit"]!] = max(depth[p["org_unit"]!] ?? 0, d)
        }
        #expect(depth["FB51.1"] == 6)
        #expect(depth.filter { $0.key != "FB51.1" }.values.allSatisfy { $0 <= 3 })
        // Leadership share: FB60 at least twice every other unit's.
        var total: [String: Int] = [:], lead: [String: Int] = [:]
        for p in positions { total[p["org_unit"]!, default: 0] += 1; if p["is_leadership"] == "true" { lead[p["org_unit"]!, default: 0] += 1 } }
        let share = total.mapValues { _ in 0.0 }.keys.reduce(into: [String: Double]()) { $0[$1] = Double(lead[$1] ?? 0) / Double(total[$1]!) }
        #expect(share.filter { $0.key != "FB60" }.values.allSatisfy { share["FB60"]! >= 2 * $0 })
        // Small siblings (below 5 FTE) under the same parent.
        var unitFTE: [String: Int64] = [:]
        for p in positions { unitFTE[p["org_unit"]!, default: 0] += fte(p) }
        for pair in [("FB33.2", "FB33.3"), ("FB41.2", "FB41.3")] {
            #expect(unitFTE[pair.0]! < 50_000 && unitFTE[pair.1]! < 50_000)
            #expect(units[pair.0]!["parent_id"] == units[pair.1]!["parent_id"])
        }
        // The same function graded higher in one unit.
        let service = positions.filter { $0["function"] == "Sachbearbeitung Bürgerservice" }
        #expect(Set(service.filter { $0["org_unit"] == "FB33.4" }.map { $0["pay_grade"]! }) == ["EG 9b"])
        #expect(Set(service.filter { $0["org_unit"] != "FB33.4" }.map { $0["pay_grade"]! }) == ["EG 8"])
        #expect(Set(service.map { $0["org_unit"]! }).count >= 4)
        // Cross-cutting staff (hr, finance, it, administration) per 100 FTE: 12 to 16.
        let all = unitFTE.values.reduce(0, +)
        let crossCutting = unitFTE.filter { ["hr", "finance", "it", "administration"].contains(units[$0.key]!["category"]!) }.values.reduce(0, +)
        #expect(crossCutting * 100 >= 12 * all && crossCutting * 100 <= 16 * all)
        // Vacancies: about 5 %, some vacant for more than 12 months before 2026-01-01.
        let vacant = positions.filter { $0["status"] == "vacant" }
        #expect(vacant.count * 100 >= 3 * positions.count && vacant.count * 100 <= 7 * positions.count)
        #expect(vacant.allSatisfy { !$0["vacant_since"]!.isEmpty })
        #expect(vacant.contains { $0["vacant_since"]! < "2025-01-01" })
        // KldB codes with high and low automation potential.
        let kldb = Set(positions.map { $0["kldb"]! })
        #expect(kldb.isSuperset(of: ["71402", "73202", "72213", "83112", "53132", "81404"]))
        #expect(positions.allSatisfy { $0["kldb"]!.isEmpty || ($0["kldb"]!.count == 5 && Int($0["kldb"]!) != nil) })
    }

    @Test("vacancies: 2026–2027 expectations of about 8 % a year, and 2025 re-fills with their source")
    func vacancies() throws {
        let rows = try Self.committed("vacancies.csv")
        let positions = Set(try Self.committed("positions.csv").map { $0["position_id"]! })
        #expect(rows.allSatisfy { positions.contains($0["position_id"]!) })
        let expected = rows.filter { $0["filled_date"]!.isEmpty }
        #expect(expected.allSatisfy { ("2026-01-01"..."2027-12-31").contains($0["expected_date"]!) })
        #expect((300...600).contains(expected.count))
        #expect(Set(expected.map { $0["reason"]! }).isSuperset(of: ["retirement", "resignation", "transfer", "new"]))
        let filled = rows.filter { !$0["filled_date"]!.isEmpty }
        #expect(filled.allSatisfy { $0["filled_date"]!.hasPrefix("2025-") })
        #expect(Set(filled.map { $0["refill_source"]! }) == ["internal", "external", "lateral"])
    }

    // MARK: Pay costs, computed by hand from the published tables

    @Test("EG 9b and A 9 pay costs 2026 from the published table values")
    func payCosts() {
        // EG 9b Stufe 3 from 1.4.2025: 4,089.07 EUR; × 1.028 from 1.5.2026 = 4,203.56 EUR.
        // 4 × 4,089.07 + 8 × 4,203.56 + 0.85 × 4,203.56 (3,573.03) = 53,557.79 EUR.
        // On-costs below both ceilings: 10.6 % 5,677.13 + 10.55 % 5,650.35 + 1 % 535.58 + 4.5 % 2,410.10 = 14,273.16 EUR.
        let eg9b = SamplePayCosts.row(grade: "EG 9b")
        #expect(eg9b.annualSalaryCents == 5_355_779)
        #expect(eg9b.employerOnCostCents == 1_427_316)
        // A 9 Stufe 7 (1.12.2022) 3,418.91 + 200 = 3,618.91; × 1.055 = 3,817.95 EUR; × 12 = 45,815.40 EUR.
        // On-costs 30 % = 13,744.62 + 4,000 Beihilfe = 17,744.62 EUR.
        let a9 = SamplePayCosts.row(grade: "A 9")
        #expect(a9.annualSalaryCents == 4_581_540)
        #expect(a9.employerOnCostCents == 1_774_462)
        let grades = Set(Self.small.positions.map(\.payGrade))
        #expect(Set(Self.small.payCosts.map(\.payGrade)) == grades)
    }
}
