// The use cases take and give the store interface's values (Change, Undone, VerifyReport, StoreError),
// the importer's (ReadRows, ImportPlan, SourceFormat) and the reports' (Report, ReportFilter): a front
// end that calls them speaks those too, and needs neither a store implementation nor the parsers.
@_exported import LeadqIO
@_exported import LeadqMetrics
@_exported import LeadqStore
