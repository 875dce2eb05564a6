import Foundation
import Testing
@testable import PruefstandCore

/// A review check's declaration (issue 18): its names, what it flags, its saving and its parameters, under
/// `checks.<id>` of `defaults/review.yaml` (or a test check's own file), mirroring the rules file's
/// `checks.<id>.parameters`. The reader is strict: each hostile class below is refused with the file, the line and
/// the key path; the lines are counted by hand in the texts.
@Suite("Review check declarations")
struct ReviewDeclarationsTests {
    static let head = "checks:\n  small_post:\n"                                   // lines 1-2
    static let name = "    name: {de: Kleine Teilzeitstelle, en: Small post}\n"     // line 3
    static let flags = "    flags: an occupied position below `max_fte` FTE\n"      // line 4
    static let saving = "    saving: none\n"                                        // line 5
    static let parameter = "        max_fte:\n          name: {de: Grenze, en: Limit}\n          unit: FTE\n          reference_period: Stichtag\n          set_by: Kommune\n          range: [0, 1]\n          values: [{from: 2000, value: 0.25, source: by hand}]\n"
    static let parameters = "    parameters:\n" + parameter                      // lines 6-13
    static let valid = head + name + flags + saving + parameters

    static let cases: [HostileFileCase] = [
        HostileFileCase(name: "an unknown key in a check's declaration", body: head + name + flags + saving + "    colour: red\n" + parameters, line: 6, says: "unknown key 'colour'"),
        HostileFileCase(name: "a parameter beside the names (the form before: not under parameters)",
                        body: head + name + flags + saving + String(parameter.replacingOccurrences(of: "\n    ", with: "\n").dropFirst(4)), line: 6, says: "unknown key 'max_fte'"),
        HostileFileCase(name: "a key given twice", body: head + name + name + flags + saving + parameters, line: 4, says: "given twice"),
        HostileFileCase(name: "an anchor", body: head + "    name: &n {de: A, en: B}\n" + flags + saving + parameters, line: 3, says: "anchors"),
        HostileFileCase(name: "an alias", body: head + name + "    flags: *n\n" + saving + parameters, line: 4, says: "aliases"),
        HostileFileCase(name: "no name", body: head + flags + saving + parameters, line: 3, says: "required key 'name' is missing"),
        HostileFileCase(name: "no flags", body: head + name + saving + parameters, line: 3, says: "required key 'flags' is missing"),
        HostileFileCase(name: "no saving", body: head + name + flags + parameters, line: 3, says: "required key 'saving' is missing"),
        HostileFileCase(name: "empty flags", body: head + name + "    flags: \"\"\n" + saving + parameters, line: 4, says: "expected text"),
        HostileFileCase(name: "a name in one language only", body: head + "    name: {de: Kleine Teilzeitstelle}\n" + flags + saving + parameters, line: 3, says: "required key 'en' is missing"),
        HostileFileCase(name: "saving as a list", body: head + name + flags + "    saving: [none]\n" + parameters, line: 5, says: "expected text"),
        HostileFileCase(name: "a check key that is not one", body: "checks:\n  Small-Post:\n" + name + flags + saving, line: 2, says: "not a check key: 'Small-Post'"),
        HostileFileCase(name: "a check declared as a value", body: "checks:\n  small_post: yes\n", line: 2, says: "expected a mapping"),
        HostileFileCase(name: "a parameter without its unit", body: valid.replacingOccurrences(of: "          unit: FTE\n", with: ""), line: 8, says: "required key 'unit' is missing"),
        HostileFileCase(name: "an unknown key at the top", body: "check:\n  small_post: {}\n", line: 1, says: "unknown key 'check'"),
        HostileFileCase(name: "a decision's parameter not under parameters", body: "decisions:\n  automate_first_share: {}\n", line: 2, says: "unknown key 'automate_first_share'"),
    ]

    @Test("a hostile declarations file is refused with file, line, key path and what is wrong", arguments: cases)
    func hostile(_ c: HostileFileCase) throws {
        let path = try TestSupport.tempDir("review-declarations").appendingPathComponent("d.yaml").path
        try Data(c.body.utf8).write(to: URL(fileURLWithPath: path))
        #expect { try ReviewDeclarations.load(path: path) } throws: { error in
            guard case let PruefstandError.config(p, line, _, message) = error else { return false }
            return p == path && line == c.line && message.en.contains(c.says) && !message.de.isEmpty
        }
    }

    @Test("the key path of an error in a check's declaration is the one the rules file uses")
    func keyPaths() throws {
        let unknown = Self.head + Self.name + Self.flags + Self.saving + "    colour: red\n"
        #expect { try ReviewDeclarations.parse(StrictYAML.parse(unknown, file: "d.yaml")) } throws: { error in
            guard case let PruefstandError.config(_, _, key, _) = error else { return false }
            return key == "checks.small_post.colour"
        }
        let range = Self.valid.replacingOccurrences(of: "value: 0.25", with: "value: 2")
        #expect { try ReviewDeclarations.parse(StrictYAML.parse(range, file: "d.yaml")) } throws: { error in
            guard case let PruefstandError.config(_, line, key, _) = error else { return false }
            return line == 13 && key == "checks.small_post.parameters.max_fte.values[0].value"
        }
    }

    @Test("a valid declaration gives the check's names, flags, saving and parameters, and the registry shows them")
    func valid() throws {
        let d = try ReviewDeclarations.parse(StrictYAML.parse(Self.valid, file: "d.yaml"))
        let c = try #require(d.checks[.smallPost])
        #expect(c.nameDE == "Kleine Teilzeitstelle" && c.nameEN == "Small post" && c.saving == "none")
        #expect(c.flags == "an occupied position below `max_fte` FTE" && c.parameters.keys.sorted() == ["max_fte"])
        #expect(c.file == "d.yaml" && c.line == 2)
        let registry = try ReviewCheckRegistry.standard.adding(SmallPostCheck(), declarations: d)
        #expect(registry.name(.smallPost, .de) == "Kleine Teilzeitstelle" && registry.name(.smallPost, .en) == "Small post")
        let last = registry.markdownTable.split(separator: "\n").last.map(String.init)
        #expect(last == "| `small_post` | Kleine Teilzeitstelle | Small post | an occupied position below `max_fte` FTE | none |")
        // A check without parameters leaves `parameters` out.
        let bare = try ReviewDeclarations.parse(StrictYAML.parse(Self.head + Self.name + Self.flags + Self.saving, file: "d.yaml"))
        #expect(bare.checks[.smallPost]?.parameters.isEmpty == true)
    }

    @Test("a registered check without a declaration is refused, naming the check and where to declare it")
    func undeclared() {
        #expect { try ReviewCheckRegistry.standard.adding(SmallPostCheck()) } throws: { error in
            guard case let PruefstandError.config(_, _, key, message) = error else { return false }
            return key == "checks.small_post" && message.en.contains("check 'small_post' is registered but not declared")
                && message.en.contains("name, flags, saving") && message.de.contains("nicht deklariert")
        }
    }

    @Test("a declared check that no check of the registry is, and a check declared twice, are refused")
    func declaredTwiceOrUnregistered() throws {
        let extra = try ReviewDeclarations.parse(StrictYAML.parse(Self.valid, file: "d.yaml"))
        #expect { try ReviewCheckRegistry(ReviewCheckRegistry.standard.checks, declarations: ReviewDeclarations.standard.merging(extra)) } throws: { error in
            guard case let PruefstandError.config(path, line, key, message) = error else { return false }
            return path == "d.yaml" && line == 2 && key == "checks.small_post" && message.en.contains("no registered check")
        }
        let twice = try ReviewDeclarations.parse(StrictYAML.parse(Self.valid.replacingOccurrences(of: "small_post", with: "long_vacancy"), file: "d.yaml"))
        #expect { try ReviewDeclarations.standard.merging(twice) } throws: { error in
            guard case let PruefstandError.config(path, line, _, message) = error else { return false }
            return path == "d.yaml" && line == 2 && message.en.contains("check 'long_vacancy' is already declared in")
                && message.en.contains("defaults/review.yaml:")
        }
    }

    @Test("every shipped check is declared with both names, what it flags and its saving")
    func shipped() throws {
        let d = try ReviewDeclarations.parse(BundledDefaults.document("review.yaml"))
        #expect(Set(d.checks.keys) == Set(ReviewCheckRegistry.standard.ids))
        for c in d.checks.values {
            #expect(!c.nameDE.isEmpty && !c.nameEN.isEmpty && c.flags.count > 3 && c.saving.count > 3, "\(c.id)")
        }
        // By hand from docs/review.md's table.
        #expect(d.checks[.longVacancy]?.nameDE == "Lange Vakanz" && d.checks[.overhead]?.nameEN == "Overhead")
    }
}
