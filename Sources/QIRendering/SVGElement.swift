/// A tiny, deterministic SVG (XML) tree: attributes keep the order they were given in, numbers
/// are written with `DecimalText`, text is escaped, and every element starts a new line so golden
/// files diff line by line.
struct SVGElement {
    /// An attribute value: text (escaped when written) or a number (two decimals, trimmed).
    enum Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
        case text(String)
        case number(Double)

        init(stringLiteral value: String) { self = .text(value) }
        init(integerLiteral value: Int) { self = .number(Double(value)) }
        init(floatLiteral value: Double) { self = .number(value) }

        var written: String {
            switch self {
            case .text(let text): return MarkupEscaping.attribute(text)
            case .number(let number): return DecimalText.trimmed(number)
            }
        }
    }

    enum Child {
        case element(SVGElement)
        case text(String)
    }

    let name: String
    var attributes: [(name: String, value: Value)]
    var children: [Child] = []

    init(_ name: String, _ attributes: [(name: String, value: Value)] = [], children: [Child] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element holding only text, such as `<title>` or `<text>`.
    init(_ name: String, _ attributes: [(name: String, value: Value)] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    mutating func append(_ element: SVGElement) { children.append(.element(element)) }

    mutating func append(contentsOf elements: [SVGElement]) {
        children += elements.map(Child.element)
    }

    /// The markup, indented two spaces per level.
    func write(into output: inout String, depth: Int = 0) {
        output += String(repeating: "  ", count: depth)
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + attribute.value.written + "\""
        }
        if children.isEmpty {
            output += "/>\n"
            return
        }
        if children.count == 1, case .text(let text) = children[0] {
            output += ">" + MarkupEscaping.text(text) + "</" + name + ">\n"
            return
        }
        output += ">\n"
        for child in children {
            switch child {
            case .element(let element): element.write(into: &output, depth: depth + 1)
            case .text(let text):
                output += String(repeating: "  ", count: depth + 1) + MarkupEscaping.text(text) + "\n"
            }
        }
        output += String(repeating: "  ", count: depth) + "</" + name + ">\n"
    }

    var markup: String {
        var output = ""
        write(into: &output)
        return output
    }
}
