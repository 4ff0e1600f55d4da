/// Escaping of user text (series keys, file names, titles, column values) for HTML and SVG.
///
/// Every piece of text that did not come from QIKit itself goes through one of these, so a
/// series named `<script>alert(1)</script>` is shown as that text and never runs. The five
/// characters with meaning in markup are replaced by entities; control characters other than
/// tab and newline are dropped, since XML 1.0 forbids them and a stray one would make an SVG
/// file unreadable.
public enum MarkupEscaping {
    /// Text content of an element.
    public static func text(_ raw: String) -> String {
        escape(raw)
    }

    /// The value of a double-quoted attribute.
    public static func attribute(_ raw: String) -> String {
        escape(raw)
    }

    private static func escape(_ raw: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                        || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
