// Formatting speaks in LeadqText's terms (display widths, inert lines), and writes `--json` with the
// codec's JSONWriter: whoever formats with this module gets both, without depending on them apart.
@_exported import LeadqCodec
@_exported import LeadqText
