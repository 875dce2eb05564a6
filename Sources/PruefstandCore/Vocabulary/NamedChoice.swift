import Foundation

/// A choice named by a word on the command line or in a file (`--on-error quarantine`, `--phasing seasonal`):
/// each value says in one line what it does, so that an option's `--help` lists the values from the type.
public protocol NamedChoice: RawRepresentable<String>, CaseIterable, Sendable, Codable {
    /// What the value does, one line in English (`--help` stays English).
    var help: String { get }
}

extension NamedChoice {
    /// The values with what each does, for an option's help: `abort: …; quarantine: …`.
    public static var helpList: String { allCases.map { "\($0.rawValue): \($0.help)" }.joined(separator: "; ") }
}
