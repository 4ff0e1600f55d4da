import Foundation
import QISimulation

/// `meta.success_model` of RESULT.json: where the success model's coefficients came from
/// (`--success-model FIT.json`) and how each term of the fit was mapped.
///
/// Written as `{"source", "sha256", "command", "outcome", "method", "scale", "terms": [{"term",
/// "parameter", "estimate", "std_error", "factor", "transform", "value"}], "kept": [...]}` and
/// read back by `qi simulate merge`, so a merged file repeats it byte for byte.
struct SuccessModelRecord: Equatable {
    struct Term: Equatable {
        var term: String
        var parameter: String
        var estimate: Double
        var standardError: Double?
        var factor: Double
        var transform: String
        var value: Double
    }

    var source: String
    var sha256: String
    var command: String
    var outcome: String
    var method: String
    var scale: String
    var terms: [Term]
    var kept: [String]

    init(_ mapping: SuccessModelMapping) {
        source = mapping.fit.source
        sha256 = mapping.fit.sourceSHA256
        command = mapping.fit.command
        outcome = mapping.fit.outcome
        method = mapping.fit.method
        scale = mapping.scale
        terms = mapping.entries.map {
            Term(term: $0.term, parameter: $0.parameter, estimate: $0.estimate, standardError: $0.standardError,
                 factor: $0.factor, transform: $0.transform, value: $0.value)
        }
        kept = mapping.keptParameters
    }

    func write(to out: inout OutputBytes) {
        out.append("{\"source\": "); out.appendJSONString(source)
        out.append(", \"sha256\": "); out.appendJSONString(sha256)
        out.append(", \"command\": "); out.appendJSONString(command)
        out.append(", \"outcome\": "); out.appendJSONString(outcome)
        out.append(", \"method\": "); out.appendJSONString(method)
        out.append(", \"scale\": "); out.appendJSONString(scale)
        out.append(", \"terms\": [")
        for (index, term) in terms.enumerated() {
            out.append(index == 0 ? "\n  " : ",\n  ")
            out.append("{\"term\": "); out.appendJSONString(term.term)
            out.append(", \"parameter\": "); out.appendJSONString(term.parameter)
            out.append(", \"estimate\": "); out.appendNumber(term.estimate)
            out.append(", \"std_error\": "); out.appendNumber(term.standardError)
            out.append(", \"factor\": "); out.appendNumber(term.factor)
            out.append(", \"transform\": "); out.appendJSONString(term.transform)
            out.append(", \"value\": "); out.appendNumber(term.value)
            out.append("}")
        }
        out.append("], \"kept\": [")
        for (index, parameter) in kept.enumerated() {
            if index > 0 { out.append(", ") }
            out.appendJSONString(parameter)
        }
        out.append("]}")
    }

    /// The record in the `meta.success_model` of a result file's bytes: nil when there is none.
    ///
    /// Decoded with `JSONDecoder`, which reads the written shortest-round-trip numbers back
    /// exactly (`JSONSerialization` can be an ulp off), so a merge rewrites the same bytes.
    /// - Throws: when the key is there but malformed.
    static func read(from data: Data) throws -> SuccessModelRecord? {
        struct File: Decodable { let meta: Meta }
        struct Meta: Decodable { let successModel: SuccessModelRecord? }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(File.self, from: data).meta.successModel
    }
}

extension SuccessModelRecord: Decodable {}

extension SuccessModelRecord.Term: Decodable {
    enum CodingKeys: String, CodingKey {
        case term, parameter, estimate, standardError = "stdError", factor, transform, value
    }
}
