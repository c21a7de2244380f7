import LeadqUI

/// Where each part of the console goes for a terminal size. Pure, so the reducer can page by the
/// same number of rows the view draws.
public struct ScreenLayout: Equatable, Sendable {
    public static let minWidth = 60
    public static let minHeight = 12
    /// From this width the detail pane sits beside the queue instead of below it.
    public static let sideBySideWidth = 140

    public var tooSmall: Bool
    public var header: Rect
    /// Column titles of the queue.
    public var columns: Rect
    public var rows: Rect
    public var detail: Rect?
    public var footer: Rect
    public var status: Rect

    public init(size: Size, detailOpen: Bool) {
        let all = Rect(size: size)
        tooSmall = size.width < ScreenLayout.minWidth || size.height < ScreenLayout.minHeight
        let (h, rest) = all.splitTop(1)
        let (body0, st) = rest.splitBottom(1)
        let (body, ft) = body0.splitBottom(1)
        header = h
        status = st
        footer = ft
        var queue = body
        detail = nil
        if detailOpen {
            if size.width >= ScreenLayout.sideBySideWidth {
                let (left, right) = body.splitLeft(body.width - max(52, body.width * 2 / 5))
                queue = left
                detail = right
            } else {
                let (upper, lower) = body.splitTop(max(4, body.height * 2 / 5))
                queue = upper
                detail = lower
            }
        }
        let (c, r) = queue.splitTop(1)
        columns = c
        rows = r
    }

    public var pageSize: Int { max(1, rows.height) }
}
