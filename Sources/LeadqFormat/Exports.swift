// Formatting speaks in LeadqText's terms (display widths, inert lines): whoever formats with this
// module gets them too, without depending on the leaf module separately.
@_exported import LeadqText
