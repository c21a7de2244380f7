// Where the names come from:
// - Salesforce API names: the Lead object's field API names, as Data Loader, Data Export and the API
//   write them. Data Loader's CSVFileWriter wrote them in capitals (`colName.toUpperCase()`), newer
//   versions as queried: names match ignoring case, so `FIRSTNAME` is `FirstName`.
// - Salesforce report labels: the column labels of a Lead report's "Details Only" export.
// - HubSpot: contact property labels in English (knowledge.hubspot.com, "HubSpot's default contact
//   properties"); a view's export writes the view's columns, whose company column is "Associated Company".
// - HubSpot internal names: the same properties' internal names (developers.hubspot.com, contact
//   properties: `hs_object_id`, `firstname`, `hubspot_owner_id`, `createdate`, `hs_email_optout`…).
// - HubSpot German: the labels of HubSpot's German interface (knowledge.hubspot.com/de); the owner
//   appears as "Kontaktinhaber" and as "Zuständiger Mitarbeiter für Kontakt".
// - Odoo technical names: odoo/addons/crm/models/crm_lead.py field names. web/controllers/export.py
//   (get_fields) exports a relation as `field/id` (its External ID) in import-compatible mode, and
//   `.id` is the database id.
// - Odoo field labels (en_US): the `string` of each field in crm_lead.py ('Opportunity',
//   'Salesperson', 'Contact Name', 'Company Name', 'Job Position', 'Notes'…), `create_date`'s
//   "Created on", utm.mixin's 'Source'/'Campaign'/'Medium', mail.thread.blacklist's `is_blacklisted`
//   ('Blacklist') and mail.thread.phone's `phone_sanitized_blacklisted` ('Phone Blacklisted'): the
//   phone blacklist. Its `phone_blacklisted` ('Blacklisted Phone is Phone') only says which of phone
//   and mobile is the blacklisted number. export.py labels `id` "External ID"; `.id` keeps "ID".

extension Alias {
    init(
        _ field: ImportField, sf: [String] = [], report: [String] = [], hs: [String] = [], hsInternal: [String] = [],
        hsGerman: [String] = [], odoo: [String] = [], odooLabels: [String] = [], note: String = ""
    ) {
        self.init(
            field: field,
            names: [
                .salesforceAPI: sf, .salesforceReport: report, .hubspotLabels: hs, .hubspotInternal: hsInternal,
                .hubspotGerman: hsGerman, .odooTechnical: odoo, .odooLabels: odooLabels,
            ], note: note)
    }
}

extension AliasTable {
    public static let rows: [Alias] = [
        Alias(
            .id, sf: ["Id"], report: ["Lead ID"], hs: ["Record ID", "Record ID - Contact", "Contact ID"],
            hsInternal: ["hs_object_id"],
            hsGerman: ["Datensatz-ID"], odoo: ["id", ".id"], odooLabels: ["External ID", "ID"],
            note:
                "the lead's id in the CRM: with the format it keys the lead, so re-imports update it (Salesforce's 15-character ids are read as their 18-character form; Odoo's External IDs are kept as they are). A file without one is keyed by the email, else by name and company"
        ),
        Alias(
            .name, sf: ["Name"], report: ["Full Name"], hs: ["Full Name"], odoo: ["contact_name"],
            odooLabels: ["Contact Name"],
            note: "the person; else First + Last name (family name first, unspaced, for CJK names)"),
        Alias(
            .firstName, sf: ["FirstName"], report: ["First Name"], hs: ["First Name"], hsInternal: ["firstname"],
            hsGerman: ["Vorname"]),
        Alias(
            .lastName, sf: ["LastName"], report: ["Last Name"], hs: ["Last Name"], hsInternal: ["lastname"],
            hsGerman: ["Nachname"]),
        Alias(
            .company, sf: ["Company"], report: ["Company / Account", "Company"],
            hs: ["Company Name", "Company", "Associated Company"],
            hsInternal: ["company"], hsGerman: ["Unternehmensname", "Zugeordnetes Unternehmen"], odoo: ["partner_name"],
            odooLabels: ["Company Name"],
            note: "critical: a lead without one is flagged"),
        Alias(
            .title, sf: ["Title"], report: ["Title"], hs: ["Job Title"], hsInternal: ["jobtitle"],
            hsGerman: ["Jobbezeichnung", "Position"],
            odoo: ["function"], odooLabels: ["Job Position"]),
        Alias(
            .email, sf: ["Email"], report: ["Email"], hs: ["Email"], hsInternal: ["email"], hsGerman: ["E-Mail"],
            odoo: ["email_from"],
            odooLabels: ["Email"],
            note: "critical with phone; shared addresses (and shared name and company) are flagged as likely duplicates"
        ),
        Alias(
            .phone, sf: ["Phone"], report: ["Phone"], hs: ["Phone Number"], hsInternal: ["phone"],
            hsGerman: ["Telefonnummer"], odoo: ["phone"],
            odooLabels: ["Phone"]),
        Alias(
            .mobile, sf: ["MobilePhone"], report: ["Mobile", "Mobile Phone"], hs: ["Mobile Phone Number"],
            hsInternal: ["mobilephone"],
            hsGerman: ["Mobiltelefonnummer"], odoo: ["mobile"], odooLabels: ["Mobile"],
            note: "the phone when Phone is empty; also kept as an extra attribute"),
        Alias(
            .country, sf: ["Country", "CountryCode"], report: ["Country"], hs: ["Country/Region", "Country"],
            hsInternal: ["country"],
            hsGerman: ["Land/Region"], odoo: ["country_id"], odooLabels: ["Country"],
            note: "as written (routing rules list each spelling: DE, Germany)"),
        Alias(
            .region, sf: ["State", "StateCode"], report: ["State/Province"], hs: ["State/Region"],
            hsInternal: ["state"],
            hsGerman: ["Bundesland/Region"], odoo: ["state_id"], odooLabels: ["State"]),
        Alias(
            .industry, sf: ["Industry"], report: ["Industry"], hs: ["Industry"], hsInternal: ["industry"],
            hsGerman: ["Branche"]),
        Alias(
            .companySize, sf: ["NumberOfEmployees"], report: ["No. of Employees", "Employees"],
            hs: ["Number of Employees"],
            hsInternal: ["numemployees"], hsGerman: ["Anzahl der Mitarbeiter"],
            note: "a whole number; `1,200`, `51-200` (the lower bound) and `10000+` read too"),
        Alias(
            .source, sf: ["LeadSource"], report: ["Lead Source"], hs: ["Original Source"],
            hsInternal: ["hs_analytics_source"],
            hsGerman: ["Originalquelle"], odoo: ["source_id"], odooLabels: ["Source"], note: "the channel"),
        Alias(
            .trigger, hs: ["Recent Conversion"], hsInternal: ["recent_conversion_event_name"],
            hsGerman: ["Letzte Conversion"],
            odoo: ["name"], odooLabels: ["Opportunity"], note: "what made it a lead (Odoo's lead title)"),
        Alias(
            .content, hs: ["First Conversion"], hsInternal: ["first_conversion_event_name"],
            hsGerman: ["Erste Conversion"],
            odoo: ["campaign_id"], odooLabels: ["Campaign"],
            note: "content or campaign; `;`-separated values become several"),
        Alias(
            .score, sf: ["Lead_Score__c", "Score__c"], report: ["Lead Score"], hs: ["HubSpot Score"],
            hsInternal: ["hubspotscore"],
            hsGerman: ["HubSpot-Score"], odoo: ["probability"], odooLabels: ["Probability"],
            note: "the source's score: it wins over the store's rules, and the difference shows as a score part"),
        Alias(
            .owner, sf: ["OwnerId"], report: ["Lead Owner"], hs: ["Contact owner", "HubSpot Owner"],
            hsInternal: ["hubspot_owner_id"],
            hsGerman: ["Kontaktinhaber", "Zuständiger Mitarbeiter für Kontakt"], odoo: ["user_id", "user_id/id"],
            odooLabels: ["Salesperson"],
            note:
                "mapped to a rep by `ownerMap` (an Odoo `user_id/id` by its External ID, `base.user_admin`); an unknown owner leaves the lead unassigned"
        ),
        Alias(
            .createdAt, sf: ["CreatedDate"], report: ["Create Date", "Created Date"],
            hs: ["Create Date", "Create date"], hsInternal: ["createdate"],
            hsGerman: ["Erstellungsdatum", "Erstelldatum"], odoo: ["create_date"], odooLabels: ["Created on"],
            note:
                "ISO 8601, or d/m/y, m/d/y and d.m.y as reports write them; times without a zone are in `--timezone` (see values below)"
        ),
        Alias(
            .doNotCall, sf: ["DoNotCall"], report: ["Do Not Call"], hs: ["Do Not Call"],
            odoo: ["phone_sanitized_blacklisted"],
            odooLabels: ["Phone Blacklisted"],
            note:
                "consent: true blocks calls and SMS (with the email opt-out too, the lead is do-not-contact); the import is recorded as the consent's source and date"
        ),
        Alias(
            .emailOptOut, sf: ["HasOptedOutOfEmail"], report: ["Email Opt Out"],
            hs: ["Unsubscribed from all email", "Opted out of all email"],
            hsInternal: ["hs_email_optout"], hsGerman: ["Von allen E-Mails abgemeldet"], odoo: ["is_blacklisted"],
            odooLabels: ["Blacklist"],
            note: "consent: true blocks emails"),
        Alias(
            .nextAction, odoo: ["activity_summary"], odooLabels: ["Next Activity Summary"],
            note: "a recommended next step"),
        Alias(
            .outcome, sf: ["StageName"], hs: ["Deal Stage"], hsInternal: ["dealstage"], hsGerman: ["Deal-Phase"],
            note:
                "the opportunity's outcome: `Closed Won`, `closedwon` or `won`; `Closed Lost`, `closedlost` or `lost` (other stages change nothing); recorded on a qualified lead"
        ),
        Alias(
            .amount, sf: ["Amount"], report: ["Amount"], hs: ["Amount"], hsInternal: ["amount"], hsGerman: ["Betrag"],
            odoo: ["expected_revenue"], odooLabels: ["Expected Revenue"],
            note: "the opportunity's amount, with its outcome"),
        Alias(
            .lostReason, sf: ["Loss_Reason__c"], report: ["Loss Reason"], hs: ["Closed Lost Reason"],
            hsInternal: ["closed_lost_reason"], odoo: ["lost_reason_id"], odooLabels: ["Lost Reason"],
            note: "why it was lost; given without an outcome, the opportunity was lost"),
        Alias(
            .extra,
            sf: [
                "Status", "Rating", "Description", "Street", "City", "PostalCode", "Website", "ConvertedDate",
                "IsConverted",
            ],
            report: ["Lead Status", "Rating", "Description", "City", "Website"],
            hs: [
                "Lead Status", "Lifecycle Stage", "Marketing contact status", "City", "Website URL",
                "Last Activity Date",
                "Original Source Drill-Down 1", "Original Source Drill-Down 2",
            ],
            hsInternal: ["hs_lead_status", "lifecyclestage", "city", "website", "notes_last_updated"],
            hsGerman: ["Lead-Status", "Lifecycle-Phase", "Stadt", "Website-URL", "Datum der letzten Aktivität"],
            odoo: [
                "stage_id", "stage_id/id", "team_id", "team_id/id", "priority", "medium_id", "tag_ids", "description",
                "city", "website", "type",
                "phone_blacklisted", "mobile_blacklisted",
            ],
            odooLabels: [
                "Stage", "Sales Team", "Priority", "Medium", "Tags", "Notes", "City", "Website", "Type",
                "Blacklisted Phone is Phone", "Blacklisted Phone Is Mobile",
            ],
            note:
                "known columns kept as extra attributes (Odoo's HTML notes as text); so is every column not in this table"
        ),
    ]
}
