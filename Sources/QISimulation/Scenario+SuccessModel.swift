extension Scenario {
    /// This scenario with the success model set from a fit: the mapped parameters take the
    /// fit's values (and stop being PSA distributions), and the mapping joins the hashed
    /// canonical parameters under `success_model_from`, so the parameter hash changes.
    public func applying(_ mapping: SuccessModelMapping) -> Scenario {
        var resolved = parameters
        mapping.apply(to: &resolved)
        let mapped = Set(mapping.entries.map(\.parameter))
        var canonical: [String: ParameterHash.Value]
        if case .object(var members) = canonicalValue, case .object(var success) = members["success"] {
            for entry in mapping.entries {
                success[String(entry.parameter.dropFirst("success.".count))] = .number(entry.value)
            }
            members["success"] = .object(success)
            canonical = members
        } else {
            canonical = ["scenario": .text(canonicalParameters)]
        }
        canonical["success_model_from"] = mapping.canonical
        return Scenario(id: id, parameters: resolved, distributions: distributions.filter { !mapped.contains($0.path) },
                        canonicalValue: .object(canonical))
    }
}
