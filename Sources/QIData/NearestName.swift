/// The closest of several names to a misspelt one, for "Did you mean ...?" hints.
///
/// Distance is the Levenshtein edit distance (Levenshtein 1966) on lower-cased characters; a
/// candidate is offered only when at most a third of the name (and at least one character)
/// would have to change, so unrelated names are never suggested.
public enum NearestName {
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(1, target.count / 3) else { return nil }
        return best.name
    }

    static func editDistance(_ first: [Character], _ second: [Character]) -> Int {
        if first.isEmpty { return second.count }
        var previous = Array(0...second.count)
        var current = previous
        for i in 1...first.count {
            current[0] = i
            for j in stride(from: 1, through: second.count, by: 1) {
                let substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[second.count]
    }
}
