#!/usr/bin/env python3
"""Writes the CRM variant samples of this folder (see README.md here for where each fact comes from).

    python3 Tests/LeadqIOTests/Samples/make-samples.py

The same people appear in several files, as they would in exports of one CRM taken different ways:
the Salesforce leads in a Data Loader export, a Data Export and three report exports; the HubSpot
contacts in four exports; the Odoo leads in three.
"""
import csv, io, os
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, rows, quoting=csv.QUOTE_ALL, terminator="\r\n", encoding="utf-8", bom=False, footer=()):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=quoting, lineterminator=terminator)
    for r in rows:
        w.writerow(r)
    text = buf.getvalue()
    for line in footer:
        text += line + terminator
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def utc(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


# ---- Salesforce -------------------------------------------------------------------------------

def long_id(short):
    """Salesforce's 18-character id: 5-bit uppercase masks of the three 5-character runs, as A-Z0-5."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    suffix = ""
    for run in range(3):
        n = 0
        for i in range(5):
            if "A" <= short[run * 5 + i] <= "Z":
                n |= 1 << i
        suffix += alphabet[n]
    return short + suffix


SF = [  # short id, first, last, company, title, email, phone, mobile, source, status, rating, owner id, owner name, created (UTC), industry, employees, country, state, dnc, optout, description
    ("00Q5g000004GrMu", "Grace", "Müller", "Acme Logistics GmbH", "Head of Operations", "grace.mueller@acme-logistics.example", "+49 30 1234567", "+49 170 5550101",
     "Webinar", "Open - Not Contacted", "Hot", "0055g000001AnaSAAQ", "Ana Souza", "2026-11-20T09:15:00Z", "Logistics", "450", "Germany", "Berlin", False, False,
     "Attended the \"Scaling Support\" webinar.\nAsked about pricing – €40k budget."),
    ("00Q5g00000bWeWa", "伟", "王", "上海数据科技有限公司", "CTO", "wei.wang@shdata.example", "+86 21 5555 0101", "",
     "Partner Referral", "Open - Not Contacted", "Warm", "0055g000001BenOAAQ", "Ben Okafor", "2026-11-20T10:02:00Z", "Software", "1200", "China", "Shanghai", True, False,
     "Referred by our partner in Shanghai."),
    ("00Q5g00000JoSEg", "José", "García", "Acme Logistics GmbH", "VP Sales", "jose.garcia@acme-logistics.example", "", "",
     "Web", "Working - Contacted", "Warm", "0055g000001AnaSAAQ", "Ana Souza", "2026-11-21T11:30:00Z", "Logistics", "450", "Spain", "", False, False, ""),
    ("00Q5g00000sibHr", "Siobhán", "Ní Bhriain", "Cló Iar-Chonnacht", "Founder", "siobhan@cic.example", "+353 91 593 251", "",
     "Trade Show", "Open - Not Contacted", "Hot", "0055g000009XyzQAAS", "Ciara Walsh", "2026-11-23T08:30:00Z", "Software", "35", "Ireland", "Galway", False, True,
     "Café owner's \"favourite\" tool, she said"),
    ("00Q5g00000CHLdu", "Chloé", "Dubois", "Dubois Conseil", "Directrice, Marketing", "chloe@dubois.example", "+33 1 55 55 01 02", "",
     "Web", "Open - Not Contacted", "", "0055g000001AnaSAAQ", "Ana Souza", "2026-11-23T14:05:00Z", "Retail", "12", "France", "", False, False,
     "=1+1 in the form's comment field"),
    ("00Q5g00000gRacE", "Grace", "Müller", "ACME Logistics GmbH", "Head of Ops", "g.mueller@private.example", "", "+49 170 5550101",
     "Web", "Open - Not Contacted", "", "0055g000001AnaSAAQ", "Ana Souza", "2026-11-24T07:45:00Z", "Logistics", "", "Germany", "", False, False, ""),
]
API = ["Id", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "MobilePhone", "LeadSource", "Status", "Rating", "OwnerId",
       "CreatedDate", "Industry", "NumberOfEmployees", "Country", "State", "DoNotCall", "HasOptedOutOfEmail", "Description"]


def api_row(l, escape_formula=False):
    desc = l[20]
    if escape_formula and desc.startswith("="):
        desc = "'" + desc  # Data Loader's CSVColumnVisitor with escapeFormulaValue
    return [long_id(l[0]), l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], l[11], l[13].replace("Z", ".000Z"),
            l[14], l[15], l[16], l[17], "true" if l[18] else "false", "true" if l[19] else "false", desc]


write("salesforce-dataloader-bom.csv", [API] + [api_row(l) for l in SF], bom=True)
latin = [l for l in SF if l[0] not in ("00Q5g00000bWeWa",)]
write("salesforce-dataloader-caps.csv", [[h.upper() for h in API]] + [api_row(l, escape_formula=True) for l in latin], encoding="cp1252")

EXPORT = ["Id", "IsDeleted", "MasterRecordId", "LastName", "FirstName", "Salutation", "Name", "Title", "Company", "Street", "City", "State",
          "PostalCode", "Country", "Phone", "MobilePhone", "Email", "Website", "Description", "LeadSource", "Status", "Industry", "Rating",
          "NumberOfEmployees", "OwnerId", "IsConverted", "CreatedDate", "CreatedById", "LastModifiedDate", "DoNotCall", "HasOptedOutOfEmail"]
export_rows = []
for l in SF:
    if l[0] == "00Q5g00000bWeWa":
        continue  # not in ISO-8859-1
    desc = l[20].replace("–", "-").replace(" €40k", " 40k EUR")
    export_rows.append([long_id(l[0]), "false", "", l[2], l[1], "", f"{l[1]} {l[2]}", l[4], l[3], "", "", l[17], "", l[16], l[6], l[7], l[5], "",
                        desc, l[8], l[9], l[14], l[10], l[15], l[11], "false", l[13].replace("Z", ".000Z"), "0055g000001MiaAAAQ",
                        "2026-11-25T16:00:00.000Z", "true" if l[18] else "false", "true" if l[19] else "false"])
write("salesforce-data-export.csv", [EXPORT] + export_rows, encoding="iso-8859-1")

REPORT = ["Lead Owner", "First Name", "Last Name", "Title", "Company / Account", "Email", "Phone", "Mobile", "Lead Source", "Lead Status", "Rating",
          "Create Date", "Lead ID", "Country", "State/Province", "Industry", "No. of Employees", "Do Not Call", "Email Opt Out", "Description"]
FOOTER = ['""', '"Grand Totals (6 records)"', '""', '"Confidential Information - Do Not Distribute"', '""',
          '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."']


def report(name, zone, fmt):
    rows = [REPORT]
    for l in SF:
        local = utc(l[13]).astimezone(ZoneInfo(zone))
        rows.append([l[12], l[1], l[2], l[4], l[3], l[5], l[6], l[7], l[8], l[9], l[10], fmt(local), l[0], l[16], l[17], l[14], l[15],
                     "1" if l[18] else "0", "1" if l[19] else "0", l[20]])
    write(name, rows, terminator="\n", footer=FOOTER)


def us(t):
    return f"{t.month}/{t.day}/{t.year} {t.hour % 12 or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


report("salesforce-report-us.csv", "America/New_York", us)
report("salesforce-report-uk.csv", "Europe/London", lambda t: t.strftime("%d/%m/%Y %H:%M"))
report("salesforce-report-de.csv", "Europe/Berlin", lambda t: t.strftime("%d.%m.%Y %H:%M"))

# ---- HubSpot ----------------------------------------------------------------------------------

HS = [  # id, first, last, email, phone, mobile, owner email, owner id, company, title, lifecycle, lead status, score, source, drill-down, country, state, city, industry, employees, created (UTC), recent, first conversion, unsubscribed
    ("5101", "Amara", "Okonkwo", "amara@lagos-logistics.example", "+234 1 555 0100", "", "ben.okafor@example.com", "71234567", "Lagos Logistics Ltd",
     "Chief Operating Officer", "Marketing Qualified Lead", "NEW", "130", "Paid Search", "google", "Nigeria", "Lagos", "Lagos", "Transportation", "800",
     "2026-11-20T09:02:00Z", "Requested a demo of Analytics Suite", "Analytics Suite whitepaper", False),
    ("5103", "Grace", "Müller", "GRACE.MUELLER@acme-logistics.example", "+49 30 1234567", "+49 170 5550101", "ana.souza@example.com", "71234001",
     "Acme Logistics GmbH", "Head of Operations", "Sales Qualified Lead", "OPEN", "55", "Offline Sources", "", "Germany", "Berlin", "Berlin", "Logistics",
     "450", "2026-07-15T13:07:00Z", "", "", True),
    ("5104", "Minh", "Nguyễn", "minh@saigon-soft.example", "+84 28 5555 0123", "", "", "", "Saigon Soft", "Lead Developer", "Lead", "NEW", "48.6",
     "Referrals", "", "Vietnam", "", "Ho Chi Minh City", "Software", "51-200", "2026-11-22T08:30:00Z", "Attended webinar", "Attended webinar", False),
]


def berlin(s, fmt="%Y-%m-%d %H:%M"):
    return utc(s).astimezone(ZoneInfo("Europe/Berlin")).strftime(fmt)


def tf(b):
    return "true" if b else "false"


ALL = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Contact owner", "Company Name", "Job Title",
       "Lifecycle Stage", "Lead Status", "HubSpot Score", "Original Source", "Original Source Drill-Down 1", "Country/Region", "State/Region", "City",
       "Industry", "Number of Employees", "Create Date", "Recent Conversion", "First Conversion", "Unsubscribed from all email",
       "Marketing contact status", "Website URL"]
write("hubspot-all-properties.csv", [ALL] + [[h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15], h[16],
                                              h[17], h[18], h[19], berlin(h[20]), h[21], h[22], tf(h[23]), "Marketing contact", ""] for h in HS],
      quoting=csv.QUOTE_MINIMAL, terminator="\n", bom=True)
VIEW = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Contact owner", "Associated Company", "Last Activity Date", "Lead Status",
        "Marketing contact status", "Create Date"]
write("hubspot-default-view.csv", [VIEW] + [[h[0], h[1], h[2], h[3], h[4], h[6], h[8], "", h[11], "Marketing contact", berlin(h[20])] for h in HS],
      quoting=csv.QUOTE_MINIMAL, terminator="\n", bom=True)
INTERNAL = ["hs_object_id", "firstname", "lastname", "email", "phone", "mobilephone", "company", "jobtitle", "hubspot_owner_id", "createdate",
            "lifecyclestage", "hs_lead_status", "hubspotscore", "hs_analytics_source", "country", "state", "city", "industry", "numemployees",
            "hs_email_optout", "recent_conversion_event_name", "first_conversion_event_name"]
write("hubspot-internal-names.csv", [INTERNAL] + [[h[0], h[1], h[2], h[3], h[4], h[5], h[8], h[9], h[7], h[20].replace("Z", ".000Z"),
                                                   h[10].lower().replace(" ", ""), h[11], h[12], h[13].upper().replace(" ", "_"), h[15], h[16], h[17],
                                                   h[18].upper(), h[19], tf(h[23]), h[21], h[22]] for h in HS],
      quoting=csv.QUOTE_MINIMAL, terminator="\n")
GERMAN = ["Datensatz-ID", "Vorname", "Nachname", "E-Mail", "Telefonnummer", "Kontaktinhaber", "Unternehmensname", "Jobbezeichnung",
          "Lifecycle-Phase", "Lead-Status", "HubSpot-Score", "Originalquelle", "Land/Region", "Bundesland/Region", "Stadt", "Branche",
          "Anzahl der Mitarbeiter", "Erstellungsdatum", "Letzte Conversion", "Von allen E-Mails abgemeldet"]
write("hubspot-german.csv", [GERMAN] + [[h[0], h[1], h[2], h[3], h[4], h[6], h[8], h[9], h[10], h[11], h[12], h[13], h[15], h[16], h[17], h[18],
                                           h[19], berlin(h[20], "%d.%m.%Y %H:%M"), h[21], tf(h[23])] for h in HS],
      quoting=csv.QUOTE_MINIMAL, terminator="\n", bom=True)

# ---- Odoo -------------------------------------------------------------------------------------

OD = [  # db id, external id, title, contact, company, email, phone, mobile, job, salesperson, user xmlid, team, created (UTC), country, source, campaign, probability, stage, tags, notes, email blacklisted, phone blacklisted (sanitized), phone is the blacklisted one
    ("42", "__export__.crm_lead_42_f519f70a", "Interested in Analytics Suite", "Sven Lindqvist", "Nordic Freight AB", "sven@nordicfreight.example",
     "+46 8 555 010 00", "", "Logistics Director", "Mitchell Admin", "base.user_admin", "Europe", "2026-11-20T10:00:00Z", "Sweden", "Search engine",
     "Spring Webinar", "85.5", "New", "Product,Training",
     "<p>Interested in <b>Analytics Suite</b></p><p>Call after 3pm &amp; before 5pm<br>Budget: Q3 &lt;50k&gt; &#8364;</p>", False, False, False),
    ("43", "__export__.crm_lead_43_9b2d4e71", "Pricing request", "Fatima Zahra", "Atlas Import", "fatima@atlas.example", "+212 5 5555 0100",
     "+212 6 5555 0199", "CEO", "Marc Demo", "base.user_demo", "Europe", "2026-07-15T13:07:00Z", "Morocco", "Newsletter", "", "40", "Qualified", "",
     "", False, True, False),
    ("44", "__export__.crm_lead_44_77aa0c13", "Brochure", "Ken Ito", "Ito Trading", "", "", "", "", "", "", "", "2026-11-21T12:00:00Z", "Japan",
     "Website", "", "10", "New", "", "<p>Asked for the brochure at the fair.</p>", False, False, False),
    ("45", "__export__.crm_lead_45_0d1e2f3a", "Acme \"Pro\" bundle", "Bo Chen", "Chen Co", "bo@chen.example", "", "", "Buyer", "Mitchell Admin",
     "base.user_admin", "Europe", "2026-11-22T11:00:00Z", "China", "Website", "", "50", "New", "", "", True, False, False),
]


def odoo_text(s):
    # export.py's CSVExport.from_data: a string starting with =, - or + gets a leading quote.
    return "'" + s if s.startswith(("=", "-", "+")) else s


def odoo_bool(b):
    # export.py turns False into '' and Boolean.convert_to_export keeps True as True.
    return "True" if b else ""


LABELS = ["Opportunity", "Contact Name", "Company Name", "Email", "Phone", "Mobile", "Job Position", "Salesperson", "Sales Team", "Created on",
          "Country", "Source", "Campaign", "Probability", "Stage", "Tags", "Notes", "Blacklist", "Phone Blacklisted", "Blacklisted Phone is Phone"]


def label_row(o):
    return [o[2], o[3], o[4], o[5], odoo_text(o[6]), odoo_text(o[7]), o[8], o[9], o[11], berlin(o[12], "%Y-%m-%d %H:%M:%S"), o[13], o[14], o[15],
            o[16], o[17], o[18], o[19], odoo_bool(o[20]), odoo_bool(o[21]), odoo_bool(o[22])]


write("odoo-labels.csv", [LABELS] + [label_row(o) for o in OD])
write("odoo-labels-id.csv", [["ID"] + LABELS] + [[o[0]] + label_row(o) for o in OD])
COMPAT = ["id", "name", "contact_name", "partner_name", "email_from", "phone", "mobile", "function", "user_id/id", "team_id/id", "country_id",
          "source_id", "campaign_id", "probability", "stage_id/id", "tag_ids", "description", "type", "priority"]
write("odoo-import-compatible.csv", [COMPAT] + [[o[1], o[2], o[3], o[4], o[5], odoo_text(o[6]), odoo_text(o[7]), o[8], o[10],
                                                 "sales_team.team_sales_department" if o[11] else "", o[13], o[14], o[15], o[16],
                                                 "crm.stage_lead1" if o[17] == "New" else "crm.stage_lead2", o[18], o[19], "lead", "1"] for o in OD])
