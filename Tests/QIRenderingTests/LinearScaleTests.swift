import QIRendering
import Testing

struct LinearScaleTests {
    @Test func mapsTheDomainOntoThePixelRange() {
        let scale = LinearScale(domain: 0...10, start: 100, end: 300)
        #expect(scale.position(0) == 100)
        #expect(scale.position(10) == 300)
        #expect(scale.position(2.5) == 150)
    }

    @Test func aYAxisRunsBackwards() {
        let scale = LinearScale(domain: 0...1, start: 400, end: 50)
        #expect(scale.position(0) == 400)
        #expect(scale.position(1) == 50)
    }

    @Test func aOnePointDomainMapsToTheMiddle() {
        #expect(LinearScale(domain: 5...5, start: 0, end: 100).position(5) == 50)
    }
}
