/// Word lists for demo leads: names in several scripts, companies, titles, channels.
enum DemoData {
    static let firstNames = [
        "Ana", "Björn", "Chloé", "Dmitri", "Élodie", "Fatih", "Grace", "Hiroshi", "Ingrid", "José",
        "Katarzyna", "Lars", "Małgorzata", "Nikolai", "Olivia", "Paulo", "Quentin", "Renée", "Søren",
        "Tomás", "Uma", "Valentina", "Wei", "Ximena", "Yusuf", "Zoë", "Amara", "Bruno", "Carmen", "Diego",
    ]
    static let lastNames = [
        "Müller", "García", "Nguyễn", "O'Brien", "Novák", "Rossi", "Dubois", "Kowalski", "Andersson",
        "Silva", "Smith", "Johnson", "Yılmaz", "Jensen", "Okafor", "Lindqvist", "Moreau", "Fernández",
    ]
    /// Whole names written in other scripts (CJK, Hangul, Cyrillic, Greek, Arabic, Devanagari).
    static let otherScriptNames = [
        "王伟", "李娜", "张敏", "陈杰", "佐藤 健", "鈴木 花子", "김민준", "이서연", "Иван Петров",
        "Ольга Смирнова", "Γιώργος Παπαδόπουλος", "ليلى حداد", "अनिल शर्मा", "渡辺 翔太",
    ]
    static let companies = [
        "Acme Logistics", "Nordlicht GmbH", "Café Olé SARL", "株式会社ミライ", "北京数据科技", "Zürich Re Analytics",
        "Blue Ocean Ltd", "Hansen & Søn", "Ñandú Software", "Özdemir Holding", "Kraków Robotics",
        "Quantum Bakeries", "🚀 Rocket Labs", "Stellar Health", "Fjord Finance", "Maple Leaf Retail",
        "Sakura Systems", "Andes Mining Co", "Baltic Freight", "Helios Energy", "Orbit Media",
        "Pampas Agro", "Lumen Learning", "Ironclad Security", "Verde Foods", "Sydney Harbour Tech",
        "Москва Диджитал", "서울 클라우드", "Atlas Manufacturing", "Delta Clinics",
    ]
    static let titles = [
        "VP Sales", "Head of Marketing", "Director of IT", "CTO", "Marketing Manager", "Software Engineer",
        "Intern", "Office Manager", "Chief Revenue Officer", "Sales Lead", "Procurement Specialist",
        "V.P., Operations", "Founder & CEO", "Analyst", "Student", "Head of Growth", "IT Manager",
        "Director, Finance", "Operations Lead", "Consultant",
    ]
    static let industries = [
        "Software", "Financial Services", "Healthcare", "Manufacturing", "Logistics", "Retail",
        "Education", "Non-profit", "Media",
    ]
    static let sources = [
        "webinar", "paid-search", "organic", "referral", "trade-show", "content-syndication", "partner", "cold-list",
    ]
    static let triggers: [String: [String]] = [
        "webinar": ["Attended webinar: Scaling outbound", "Registered for webinar: The 5-minute rule"],
        "paid-search": ["Clicked ad: lead routing software", "Filled the demo form from an ad"],
        "organic": ["Requested a demo", "Filled the contact form", "Downloaded the pricing guide"],
        "referral": ["Referred by a customer", "Introduced by a partner"],
        "trade-show": ["Badge scan at SaaStr Europa", "Booth visit at Web Summit"],
        "content-syndication": ["Downloaded e-book via syndication"],
        "partner": ["Partner-sourced opportunity"],
        "cold-list": ["Purchased list import"],
    ]
    static let content = [
        "Pricing guide", "ROI calculator", "Webinar: Scaling outbound", "Case study: Nordlicht",
        "Blog: the 5-minute rule", "E-book: Lead scoring that sales trusts", "Product tour video",
    ]
    /// Country → team.
    static let countries: [(String, String)] = [
        ("DE", "emea"), ("FR", "emea"), ("GB", "emea"), ("ES", "emea"), ("PL", "emea"),
        ("SE", "emea"), ("AE", "emea"), ("US", "amer"), ("BR", "amer"), ("CA", "amer"),
        ("MX", "amer"), ("JP", "apac"), ("CN", "apac"), ("IN", "apac"), ("KR", "apac"), ("AU", "apac"),
    ]
    static let origins = ["hubspot", "salesforce", "odoo", "web"]
    static let notes = [
        "Left a voicemail, mentioned the pricing guide", "Gatekeeper said to call back Tuesday",
        "Spoke 10 min: evaluating tools for Q3", "Sprach mit dem Einkauf, Budget erst im Januar",
        "担当者不在、折り返し希望", "Asked for a case study in their industry", "Wants a demo with their CTO",
        "Email bounced, checking the address", "Replied: send more info 👍", "Línea ocupada, reintentar mañana",
    ]
    static let reps: [(id: String, name: String, team: String)] = [
        ("ana", "Ana Souza", "emea"), ("ben", "Ben Okafor", "amer"), ("chen", "陈静 Chen Jing", "apac"),
        ("dana", "Dana Kowalski", "emea"), ("eli", "Eli Cohen", "amer"), ("fatima", "Fatima Zahra", "apac"),
    ]
}
