import LeadqDomain

/// The dispatcher's part of settings.json: `routing.onArrival`, `sla.poolHotMinutes`,
/// `sla.warnMinutes`, `nurture`, `notify` and `dispatch`.
extension SettingsCodec {
    /// `routing` is a list of rules, or `{"onArrival": false, "rules": [...]}` to say more.
    public static func readRouting(_ r: inout JSONReader, _ s: inout Settings) throws {
        s.routing = []
        guard r.peek() == UInt8(ascii: "{") else {
            try elements(&r, "routing") { r, p in s.routing.append(try RoutingCodec.read(&r, p)) }
            return
        }
        try members(&r, "routing") { r, k in
            switch k {
            case "onArrival": s.dispatch.routeOnArrival = try r.bool()
            case "rules":
                try elements(&r, "routing.rules") { r, p in s.routing.append(try RoutingCodec.read(&r, p)) }
            default: throw unknown("routing.\(k)")
            }
        }
    }

    /// The plain list while arrivals are routed (the default), the object form when they aren't.
    static func writeRouting(_ s: Settings, _ w: inout JSONWriter) {
        w.key("routing")
        if !s.dispatch.routeOnArrival {
            w.beginObject()
            w.field("onArrival", false)
            w.key("rules")
        }
        w.beginArray()
        for rule in s.routing { RoutingCodec.write(rule, &w) }
        w.endArray()
        if !s.dispatch.routeOnArrival { w.endObject() }
    }

    /// The keys of `sla` the dispatcher reads; false for any other.

    static func readDispatch(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "dispatch") { r, k in
            switch k {
            case "notifyTimeoutSeconds":
                s.dispatch.notifyTimeoutSeconds = try positive(&r, "dispatch.notifyTimeoutSeconds", max: 3_600)
            case "notifyAttempts":
                s.dispatch.notifyAttempts = Int(try positive(&r, "dispatch.notifyAttempts", max: 100))
            case "notifyRetrySeconds":
                s.dispatch.notifyRetrySeconds = try positive(&r, "dispatch.notifyRetrySeconds", max: 86_400)
            default: throw unknown("dispatch.\(k)")
            }
        }
    }

    /// `{"command": ["/usr/local/bin/page", "--team", "sales"], "alerts": ["pool-hot"], "to": ["mia"]}`.
    static func readNotify(_ r: inout JSONReader, _ s: inout Settings) throws {
        s.dispatch.notify = []
        try elements(&r, "notify") { r, path in
            var n = NotifyCommand(command: [])
            try members(&r, path) { r, k in
                switch k {
                case "command":
                    try elements(&r, "\(path).command") { r, p in n.command.append(try text(&r, p)) }
                case "alerts":
                    try elements(&r, "\(path).alerts") { r, p in
                        let v = try r.string()
                        guard let kind = AlertKind(rawValue: v) else {
                            let known = AlertKind.allCases.map(\.rawValue).joined(separator: ", ")
                            throw FieldError(message: "'\(p)' must be one of \(known), not \(shown(v))")
                        }
                        n.alerts.append(kind)
                    }
                case "to": try elements(&r, "\(path).to") { r, p in n.to.append(try text(&r, p)) }
                default: throw unknown("\(path).\(k)")
                }
            }
            guard let program = n.command.first, !program.isEmpty else {
                throw FieldError(message: "'\(path).command' must name a program, e.g. [\"/usr/local/bin/page\"]")
            }
            s.dispatch.notify.append(n)
        }
    }

    static func writeDispatch(_ s: Settings, _ w: inout JSONWriter) {
        let d = s.dispatch
        w.key("notify")
        w.beginArray()
        for n in d.notify {
            w.beginObject()
            w.strings("command", n.command)
            if !n.alerts.isEmpty { w.strings("alerts", n.alerts.map(\.rawValue)) }
            if !n.to.isEmpty { w.strings("to", n.to) }
            w.endObject()
        }
        w.endArray()
        w.key("dispatch")
        w.beginObject()
        w.field("notifyTimeoutSeconds", d.notifyTimeoutSeconds)
        w.field("notifyAttempts", d.notifyAttempts)
        w.field("notifyRetrySeconds", d.notifyRetrySeconds)
        w.endObject()
    }

    /// The dispatcher's name is its own, and alerts go to people on the team.
    static func validateDispatch(_ s: Settings) throws {
        if let i = s.reps.firstIndex(where: { $0.id == DispatchActor.id }) {
            throw FieldError(
                message: "'team[\(i)].id' \(shown(DispatchActor.id)) is the dispatcher's name; give the rep another id")
        }
        for (i, n) in s.dispatch.notify.enumerated() {
            for id in n.to where s.rep(id) == nil {
                throw FieldError(message: "'notify[\(i)].to' names \(shown(id)), who is not in 'team'")
            }
        }
    }
}
