// The use cases take and give the store interface's values (Change, Undone, VerifyReport, StoreError):
// a front end that calls them speaks those too, and never needs a store implementation.
@_exported import LeadqStore
