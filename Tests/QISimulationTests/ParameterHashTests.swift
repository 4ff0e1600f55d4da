import Testing
@testable import QISimulation

/// SHA-256 against the FIPS 180-4 examples, and canonical JSON.
struct ParameterHashTests {
    @Test func sha256OfAbcIsTheFIPSExample() {
        #expect(ParameterHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func sha256OfTheTwoBlockMessageIsTheFIPSExample() {
        #expect(ParameterHash.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func canonicalJSONSortsKeysAndWritesShortestNumbers() {
        let value = ParameterHash.Value.object(["b": .number(0.1), "a": .list([.number(12), .boolean(true)]), "c": .text("x\"y")])
        #expect(value.canonicalText == #"{"a":[12,true],"b":0.1,"c":"x\"y"}"#)
    }
}
