import QIRendering
import Testing

struct MakingDataCountIconsTests {
    @Test func improvementIconIsBlueAndSaysWhichWay() {
        let up = MakingDataCountIcons.variationSVG(.specialCauseImprovement, improvement: .increase)
        let down = MakingDataCountIcons.variationSVG(.specialCauseImprovement, improvement: .decrease)
        #expect(up.contains(Palette.standard.improvement) && up.contains(">H</text>"))
        #expect(down.contains(">L</text>"))
    }

    @Test func concernIconIsOrange() {
        let icon = MakingDataCountIcons.variationSVG(.specialCauseConcern, improvement: .decrease)
        #expect(icon.contains(Palette.standard.concern) && icon.contains(">H</text>"))
    }

    @Test func commonCauseIconIsGreyWithoutALetter() {
        let icon = MakingDataCountIcons.variationSVG(.commonCause, improvement: .increase)
        #expect(icon.contains(Palette.standard.commonCause) && !icon.contains("</text>"))
    }

    @Test func assuranceIconsSayPassFailOrEither() {
        #expect(MakingDataCountIcons.assuranceSVG(.consistentPass, improvement: .increase).contains(">P</text>"))
        #expect(MakingDataCountIcons.assuranceSVG(.consistentFail, improvement: .increase).contains(">F</text>"))
        #expect(MakingDataCountIcons.assuranceSVG(.inconsistent, improvement: .increase).contains(">?</text>"))
    }

    @Test func iconsCarryATitleForScreenReaders() {
        #expect(MakingDataCountIcons.assuranceSVG(.consistentFail, improvement: .decrease)
            .contains("<title>Assurance: consistently misses the target</title>"))
    }
}
