import Foundation

/// The same document id on more than one posting. The grouping by document id (`AuditChecks.documents`)
/// also lists each finding's document ids once.
struct DuplicateDocumentCheck: AuditCheck {
    static let key = "duplicate-document"
    static let name = Phrase(de: "Belegnummer mehrfach", en: "Document number used twice")
    static let kinds = [AuditTestKind.duplicateDocument]

    func run(_ a: AuditChecks, _ p: NoAuditParameters) -> AuditCheckOutput {
        .init(findings: a.duplicateDocuments(a.documents.get(a.l).groups))
    }
}

extension AuditTestKind {
    public static let duplicateDocument = AuditTestKind(DuplicateDocumentCheck.self)
}

extension AuditChecks {
    func duplicateDocuments(_ groups: [(key: String, members: [Int32])]) -> [RawFinding] {
        groups.sorted { $0.key < $1.key }
            .map { RawFinding(kind: .duplicateDocument, text: "Beleg \($0.key): \($0.members.count) Buchungen", members: $0.members,
                              textEN: "Document \($0.key): \($0.members.count) postings") }
    }
}
