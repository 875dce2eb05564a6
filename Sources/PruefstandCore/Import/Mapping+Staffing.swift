import Foundation

extension Mapping {
    /// Group rows of a published staffing list (Stellenplan): a row that names a pay grade with a number of
    /// posts and their summed FTE, but no post id (`groups: { posts: Anzahl Stellen }`).
    ///
    /// Such a row becomes that many posts: ids `ORG-G<line>.<n>` (the org unit, the file line, 1…N), the
    /// summed FTE shared exactly in units of 1/10,000 (the first posts take the remainder: 2,5 FTE on 3
    /// posts are 0,8334 + 0,8333 + 0,8333). A row with a post id is one post, as before.
    public struct GroupRows: Sendable, Equatable {
        /// The header of the column with the number of posts.
        public var postsColumn: String
        public static let maxPosts = 10_000
    }

    static func parseGroupRows(_ node: StrictYAML, kind: ImportKind) throws -> GroupRows {
        guard kind == .positions else { throw node.fail("groups (group rows of a staffing list) apply to the positions kind") }
        let d = try node.dictionary(allowed: ["posts"], required: ["posts"])
        let column = try d["posts"]!.string().trimmingCharacters(in: .whitespaces)
        guard !column.isEmpty else { throw d["posts"]!.fail("posts names the column with the number of posts") }
        return GroupRows(postsColumn: column)
    }

    /// `root_marker: ['-', '0']`: a supervisor (positions) or parent (orgunits) written as one of these is
    /// no reference: the row is a root of the hierarchy (the Oberbürgermeister's post that "reports to" `-`).
    static func parseRootMarkers(_ node: StrictYAML, kind: ImportKind) throws -> [String] {
        guard kind == .positions || kind == .orgunits else { throw node.fail("root_marker applies to positions (supervisor_id) and orgunits (parent_id)") }
        let list: [String]
        if let many = try? node.strings() { list = many } else { list = [try node.string()] }
        let markers = list.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !markers.isEmpty, markers.allSatisfy({ !$0.isEmpty && $0.count <= 64 }) else {
            throw node.fail("root_marker lists one or more non-empty values (at most 64 characters each)")
        }
        return markers
    }
}
