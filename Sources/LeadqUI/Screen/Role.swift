/// What a piece of the screen *means*; a `Theme` decides how each role looks. Views pick roles,
/// never colours, so a theme (or a terminal without colour) can restyle everything.
/// The raw value is the key used in theme files.
public enum Role: String, CaseIterable, Sendable, Hashable {
    /// Plain text on the terminal's own background.
    case normal
    /// De-emphasised text: hints, secondary details.
    case dim
    /// Extra-quiet text: placeholders, disabled items.
    case muted

    /// Title bar across the top.
    case header
    /// The emphasised part of the title bar (current view, counts).
    case headerAccent
    /// Column titles above a table.
    case columnHeader
    /// A column title the table is sorted by.
    case columnHeaderSorted

    /// An ordinary table row.
    case row
    /// Every other row, for zebra striping.
    case rowAlt
    /// The row under the cursor.
    case selected
    /// The row under the cursor when its pane does not have focus.
    case selectedDim
    /// A row marked for a bulk action.
    case marked
    /// A lead that arrived since the rep last looked.
    case highlightNew
    /// Text matching the current search.
    case match

    /// Response time well within the SLA.
    case slaOk
    /// SLA about to be missed.
    case slaWarn
    /// SLA missed.
    case slaBreach
    case scoreHot
    case scoreWarm
    case scoreCold
    /// A warning flag on a lead (duplicate, bad data, …).
    case flag
    /// Do-not-contact: must be impossible to miss.
    case dnc

    /// Key help line at the bottom.
    case footer
    /// A key name inside the footer ("j", "enter").
    case footerKey
    /// Status/message line.
    case status
    case statusError
    case statusOk
    case statusWarn

    /// A modal dialog's body.
    case popup
    case popupBorder
    case popupTitle
    /// The focused/default button or choice in a popup.
    case popupSelected
    /// A key name in help text.
    case key
    /// Text input fields.
    case input
    /// The cursor position inside an input field (drawn, since the terminal cursor is hidden).
    case inputCursor

    /// Frames around panes.
    case border
    /// Frame of the pane with focus.
    case borderFocus
    /// Pane titles.
    case title

    case chartBar
    case chartBarAlt
    case chartAxis
    case chartLabel
}
