import Foundation

/// A post that the review must not treat as a saving candidate: elected offices, posts a statute requires,
/// and posts a third party pays for (a refund account). Listed in the rules file with its source; the
/// review shows each matching post as "not a candidate, because …" instead of leaving it out.
///
/// A post matches when every criterion given holds: the title contains one of `titleContains`, the
/// function equals `function`, the org unit equals `orgUnit`. At least one criterion is required.
///
///     protected_posts:
///       entries:
///         - {kind: elected, title_contains: [Oberbürgermeister], source: "§ 65 GO NRW", reason_de: …, reason_en: …}
public struct ProtectedPost: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Codable, Labelled {
        /// Wahlbeamte: Bürgermeister, Beigeordnete. No automation, no non-refill, no grade comparison (the
        /// grade is set by the Eingruppierungsverordnung for elected offices).
        case elected
        /// A post a law requires (equal-opportunities officer, data protection officer, …).
        case statutory
        /// Paid by a third party: not re-filling saves the city nothing while the refund runs.
        case thirdParty = "third_party"
        /// Its label (`labels.tsv`) names the reason in the review's lists.
        public static let labelGroup = "protected_post"
    }
    public var kind: Kind
    public var titleContains: [String]
    public var function: String?
    public var orgUnit: String?
    /// NKF revenue account that books the refund (third-party posts only).
    public var refundAccount: String?
    public var reasonDE: String
    public var reasonEN: String
    public var source: String

    public init(kind: Kind, titleContains: [String] = [], function: String? = nil, orgUnit: String? = nil,
                refundAccount: String? = nil, reasonDE: String, reasonEN: String, source: String) {
        self.kind = kind; self.titleContains = titleContains; self.function = function; self.orgUnit = orgUnit
        self.refundAccount = refundAccount; self.reasonDE = reasonDE; self.reasonEN = reasonEN; self.source = source
    }

    public func matches(_ p: ReviewPosition) -> Bool {
        matchesFunctionAndUnit(p) && matchesTitle(p.title)
    }
    func matchesTitle(_ title: String) -> Bool {
        titleContains.isEmpty || titleContains.contains(where: { title.contains($0) })
    }
    func matchesFunctionAndUnit(_ p: ReviewPosition) -> Bool {
        if let u = orgUnit, p.orgUnitId != u { return false }
        if let f = function, ReviewText.trimmed(p.function) != f { return false }
        return true
    }

    /// "Kein Kandidat, weil …" with the source (and the refund account for third-party posts).
    public func notCandidate(_ lang: Language) -> String {
        let refund = refundAccount.map { lang == .de ? "; Erstattung auf Konto \($0)" : "; refund booked to account \($0)" } ?? ""
        return lang == .de
            ? "Kein Kandidat für Nicht-Wiederbesetzung, Automatisierung oder kw-Vermerk, weil \(reasonDE) (\(kind.label(.de)); Quelle: \(source)\(refund))."
            : "Not a candidate for non-refill, automation or a kw note, because \(reasonEN) (\(kind.label(.en)); source: \(source)\(refund))."
    }
}

/// The grade a tariff or the civil-service pay law gives a job: the highest grade the usual form of the job
/// reaches. A post graded above its norm is a grade outlier; the reason names the norm and its source.
///
/// A norm applies to a function, optionally only in some org units (the most specific wins: a norm with
/// org units over one without).
public struct GradeNorm: Sendable, Hashable {
    public var function: String
    public var orgUnits: [String]
    public var grade: String
    public var source: String
    /// The grade is read from the tariff's general rule, not from the exact text for this job (marked).
    public var approximated: Bool
    public init(function: String, orgUnits: [String] = [], grade: String, source: String, approximated: Bool = false) {
        self.function = function; self.orgUnits = orgUnits; self.grade = grade; self.source = source; self.approximated = approximated
    }
}

extension ReviewRules {
    /// The first protected-post entry that matches the position (the rules file's order).
    public func protection(of p: ReviewPosition) -> ProtectedPost? {
        protectedPosts.first { $0.matches(p) }
    }

    /// The grade norm for a function in an org unit: one naming the unit wins over one for all units.
    public func gradeNorm(function: String, orgUnit: String) -> GradeNorm? {
        Self.mostSpecific(self[GradeOutlierCheck.self].norms.filter { $0.function == function }, orgUnit: orgUnit)
    }

    /// Among the norms of one function (the rules' order), the first naming the org unit, else the first for all.
    static func mostSpecific(_ norms: [GradeNorm], orgUnit: String) -> GradeNorm? {
        norms.first { $0.orgUnits.contains(orgUnit) } ?? norms.first { $0.orgUnits.isEmpty }
    }
}

extension ReviewRules.Parser {
    func text(_ m: Entries, _ key: String, in ctx: String, required: Bool = true) throws -> String? {
        guard let e = m[key] else {
            if required { throw fail(nil, "\(ctx).\(key)", "missing '\(key)'") }
            return nil
        }
        guard let s = e.value.scalarText, !s.isEmpty else { throw fail(e.value, "\(ctx).\(key)", "expected text") }
        return s
    }

    func texts(_ m: Entries, _ key: String, in ctx: String) throws -> [String] {
        guard let e = m[key] else { return [] }
        if let s = e.value.scalarText { return [s] }
        guard let seq = e.value.items else { throw fail(e.value, "\(ctx).\(key)", "expected text or a list of texts") }
        return try seq.map { n in
            guard let s = n.scalarText, !s.isEmpty else { throw fail(n, "\(ctx).\(key)", "expected text") }
            return s
        }
    }

    /// `protected_posts: {description, entries: [...]}`.
    func protectedPosts(_ node: StrictYAML) throws -> [ProtectedPost] {
        let ctx = "protected_posts"
        let m = try mapping(node, key: ctx)
        try allow(m, ["description", "entries"], in: ctx)
        guard let entries = m["entries"] else { return [] }
        guard let seq = entries.value.items else { throw fail(entries.value, "\(ctx).entries", "expected a list of posts") }
        var out: [ProtectedPost] = []
        for row in seq {
            let ectx = "\(ctx).entries[]"
            let r = try mapping(row, key: ectx)
            try allow(r, ["kind", "title_contains", "function", "org_unit", "refund_account", "reason_de", "reason_en", "source", "note"], in: ectx)
            let kindText = try text(r, "kind", in: ectx)!
            guard let kind = ProtectedPost.Kind(rawValue: kindText) else {
                throw fail(r["kind"]?.value, "\(ectx).kind", "expected one of \(ProtectedPost.Kind.allCases.map(\.rawValue).joined(separator: ", ")), found '\(kindText)'")
            }
            let post = ProtectedPost(
                kind: kind, titleContains: try texts(r, "title_contains", in: ectx),
                function: try text(r, "function", in: ectx, required: false), orgUnit: try text(r, "org_unit", in: ectx, required: false),
                refundAccount: try text(r, "refund_account", in: ectx, required: false),
                reasonDE: try text(r, "reason_de", in: ectx)!, reasonEN: try text(r, "reason_en", in: ectx)!,
                source: try text(r, "source", in: ectx)!)
            if post.titleContains.isEmpty && post.function == nil && post.orgUnit == nil {
                throw fail(row, ectx, "an entry needs title_contains, function or org_unit")
            }
            if kind == .thirdParty {
                guard let acc = post.refundAccount, Account(acc) != nil else {
                    throw fail(r["refund_account"]?.value ?? row, "\(ectx).refund_account", "a third-party post needs the NKF account that books its refund")
                }
            }
            out.append(post)
        }
        return out
    }

    /// `checks.grade_outlier.norms: [{function, org_units, grade, source, approximated, note}]`.
    func gradeNorms(_ node: StrictYAML, in ctx: String) throws -> [GradeNorm] {
        guard let seq = node.items else { throw fail(node, "\(ctx).norms", "expected a list of norms") }
        var out: [GradeNorm] = []
        var seen = Set<String>()
        for row in seq {
            let ectx = "\(ctx).norms[]"
            let r = try mapping(row, key: ectx)
            try allow(r, ["function", "org_units", "grade", "source", "approximated", "note"], in: ectx)
            let gradeText = try text(r, "grade", in: ectx)!
            guard let g = PayGrade(gradeText) else { throw fail(r["grade"]?.value, "\(ectx).grade", "not a pay grade: '\(gradeText)'") }
            let n = GradeNorm(function: try text(r, "function", in: ectx)!, orgUnits: try texts(r, "org_units", in: ectx),
                              grade: g.code, source: try text(r, "source", in: ectx)!,
                              approximated: (try? r["approximated"]?.value.bool()) ?? false)
            let key = n.function + "|" + n.orgUnits.sorted().joined(separator: ",")
            if !seen.insert(key).inserted { throw fail(row, ectx, "a second norm for '\(n.function)' in the same org units") }
            out.append(n)
        }
        return out
    }
}
