import Yams

/// A scenario file's value tree with the key path and position each value came from.
///
/// Built from Yams' node tree (scalars left untyped, so that `0.10` and `"0.10"` stay
/// distinguishable and YAML 1.1 words are never silently turned into booleans), then deep-merged:
/// a scenario's overrides keep their own paths (`scenarios[3].coach.months`), so an error
/// found in a merged scenario names the place in the file that gave the value.
struct ScenarioNode: Sendable {
    enum Content: Sendable {
        /// Text of a scalar, and whether it was quoted (a quoted scalar is always text).
        case scalar(String, quoted: Bool)
        case mapping([(key: String, value: ScenarioNode)])
        case sequence([ScenarioNode])
    }

    var content: Content
    var path: String
    var line: Int?
    var column: Int?

    /// The tree of a YAML or JSON document.
    static func parse(_ text: String, file: String) throws(ScenarioFileError) -> ScenarioNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ScenarioFileError(file: file, line: nil, column: nil, path: "", problem: .syntax(problem: "\(error)"))
        }
        guard let root else {
            throw ScenarioFileError(file: file, line: nil, column: nil, path: "",
                                    problem: .invalid(reason: "the file is empty; it needs version, run, base and scenarios."))
        }
        return try ScenarioNode(root, path: "", file: file)
    }

    private init(_ node: Node, path: String, file: String) throws(ScenarioFileError) {
        self.path = path
        line = node.mark?.line
        column = node.mark?.column
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            content = .scalar(scalar.string, quoted: quoted)
        case .mapping(let mapping):
            var pairs: [(key: String, value: ScenarioNode)] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode else {
                    throw ScenarioFileError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column, path: path,
                                            problem: .wrongType(expected: "a plain key", found: "a mapping or list used as a key"))
                }
                let childPath = path.isEmpty ? key.string : "\(path).\(key.string)"
                if pairs.contains(where: { $0.key == key.string }) {
                    throw ScenarioFileError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                            path: childPath, problem: .duplicateKey)
                }
                pairs.append((key.string, try ScenarioNode(valueNode, path: childPath, file: file)))
            }
            content = .mapping(pairs)
        case .sequence(let sequence):
            var items: [ScenarioNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try ScenarioNode(item, path: "\(path)[\(index)]", file: file))
            }
            content = .sequence(items)
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ScenarioFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = context.map { "\(problem) \($0.text)" } ?? problem
            return ScenarioFileError(file: file, line: mark.line, column: mark.column, path: "", problem: .syntax(problem: text))
        case .reader(let problem, _, _, _):
            return ScenarioFileError(file: file, line: nil, column: nil, path: "", problem: .syntax(problem: problem))
        default:
            return ScenarioFileError(file: file, line: nil, column: nil, path: "", problem: .syntax(problem: "\(error)"))
        }
    }

    /// The value at `key` of a mapping, or nil.
    subscript(key: String) -> ScenarioNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    var isMapping: Bool {
        if case .mapping = content { return true }
        return false
    }

    /// A short description of what the value is, for type errors.
    var kindDescription: String {
        switch content {
        case .scalar(let text, let quoted): return quoted ? "the text \"\(text)\"" : "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// `self` with `override` deep-merged into it: mappings merge key by key (recursively);
    /// anything else in `override` replaces the value.
    func merged(with override: ScenarioNode) -> ScenarioNode {
        guard case .mapping(var pairs) = content, case .mapping(let overridePairs) = override.content else {
            return override
        }
        for (key, value) in overridePairs {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                pairs[index].value = pairs[index].value.merged(with: value)
            } else {
                pairs.append((key, value))
            }
        }
        var result = self
        result.content = .mapping(pairs)
        return result
    }

    func error(_ problem: ScenarioFileError.Problem, file: String) -> ScenarioFileError {
        ScenarioFileError(file: file, line: line, column: column, path: path, problem: problem)
    }
}
