import Foundation

/// The audit parameter file for one fiscal year, handed to each check's parameter type.
///
/// A type asks for its single values by key (`int`, `share`, `euros`): each is a declared parameter
/// (`defaults/audit.yaml`, or the file's values over it, docs/parameters.md), and the value in force in
/// `year` (the audited fiscal year) is returned. Lists (`approval_thresholds`, `voluntary_products`) come from
/// the file (`list`, none when left out). Keys of the file no type asked for are refused afterwards by the
/// registry with file and line, and so is a declared parameter no type reads.
///
///     init(_ s: AuditParameterSection) throws { windowDays = try s.int("duplicate_window_days") }
final class AuditParameterSection {
    let file: String
    let year: Int
    let parameters: [String: ParameterEntry]
    let lists: [String: StrictYAML]
    private(set) var asked = Set<String>()
    /// The keys asked for, in the order asked (a check's keys for the docs).
    private(set) var readOrder: [String] = []

    init(file: String, year: Int, parameters: [String: ParameterEntry], lists: [String: StrictYAML]) {
        self.file = file; self.year = year; self.parameters = parameters; self.lists = lists
    }

    func value(_ name: String) throws -> DatedValue {
        if asked.insert(name).inserted { readOrder.append(name) }
        guard let entry = parameters[name] else {
            throw PruefstandError.config(path: file, line: nil, key: name,
                message: "parameter '\(name)' is not declared: declare it with its default values in Sources/PruefstandCore/Resources/defaults/audit.yaml")
        }
        guard let v = entry.dated(in: year) else {
            throw PruefstandError.config(path: entry.file, line: entry.line, key: name,
                message: "parameter '\(name)' has no value for \(year) (first value from \(entry.values.first?.validFrom ?? 0))")
        }
        return v
    }
    /// A whole number (its range is the declaration's).
    func int(_ name: String) throws -> Int { try value(name).wholeNumber(key: name) }
    /// A share in 0…1.
    func share(_ name: String) throws -> Decimal { try value(name).share(key: name) }
    /// Whole euros as money.
    func euros(_ name: String) throws -> Money {
        try Money(euros: Int64(try int(name)), checking: "\(file): \(name)")
    }
    /// The rows of a list in the file, none when it leaves the list out.
    func list(_ name: String) throws -> [StrictYAML] {
        if asked.insert(name).inserted { readOrder.append(name) }
        return try lists[name]?.list() ?? []
    }

    /// Refuses a declared parameter that no check read.
    func finish() throws {
        for name in parameters.keys.sorted() where !asked.contains(name) {
            let e = parameters[name]!
            throw PruefstandError.config(path: e.file, line: e.line, key: name, message: "parameter '\(name)' is declared, but no audit check reads it")
        }
    }
}
