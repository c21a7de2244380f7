import LeadqDomain

/// Playbooks: `{"name":"demo-request","when":{"trigger":["demo"]},"steps":[{"withinMinutes":5,
/// "channel":"call","what":"Call about the demo"},{"day":1,"channel":"email","what":"Send a recap"}]}`.
/// The first step is the first touch (`withinMinutes` optional); each later one needs a `day`.
extension SettingsCodec {
    static func writePlaybooks(_ s: Settings, _ w: inout JSONWriter) {
        w.key("playbooks")
        w.beginArray()
        for book in s.playbooks {
            w.beginObject()
            w.field("name", book.name)
            w.key("when")
            RoutingCodec.writeConditions(book.when, &w)
            w.key("steps")
            w.beginArray()
            for step in book.steps {
                w.beginObject()
                if let m = step.within { w.field("withinMinutes", m / Span.minute) }
                if let d = step.day { w.field("day", d) }
                w.field("channel", step.channel.rawValue)
                w.field("what", step.what)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    static func playbook(_ r: inout JSONReader, _ path: String) throws -> Playbook {
        var book = Playbook(name: "", when: [], steps: [])
        try members(&r, path) { r, k in
            switch k {
            case "name": book.name = try text(&r, "\(path).name")
            case "when": book.when = try RoutingCodec.conditions(&r, "\(path).when")
            case "steps":
                try elements(&r, "\(path).steps") { r, p in
                    book.steps.append(try step(&r, p, first: book.steps.isEmpty))
                }
            default: throw unknown("\(path).\(k)")
            }
        }
        guard !book.name.isEmpty, !book.steps.isEmpty else {
            throw FieldError(message: "'\(path)' needs a name and at least one step")
        }
        let days = book.steps.compactMap(\.day)
        if zip(days, days.dropFirst()).contains(where: { $0 >= $1 }) {
            throw FieldError(message: "'\(path).steps' days must ascend, e.g. 1, 3, 7")
        }
        return book
    }

    static func step(_ r: inout JSONReader, _ path: String, first: Bool) throws -> PlayStep {
        var step = PlayStep(channel: .call, what: "")
        var sawChannel = false
        try members(&r, path) { r, k in
            switch k {
            case "withinMinutes":
                guard first else { throw FieldError(message: "'\(path).withinMinutes' is for the first step only") }
                step.within = try positive(&r, "\(path).withinMinutes", max: 525_600) * Span.minute
            case "day":
                guard !first else {
                    throw FieldError(message: "'\(path).day': the first step is the first touch (use withinMinutes)")
                }
                step.day = try positive(&r, "\(path).day", max: 3_650)
            case "channel":
                let v = try r.string()
                guard let c = Channel(rawValue: v) else {
                    let all = Channel.allCases.map(\.rawValue).joined(separator: ", ")
                    throw FieldError(message: "'\(path).channel' must be one of \(all), not \(shown(v))")
                }
                step.channel = c
                sawChannel = true
            case "what": step.what = try text(&r, "\(path).what")
            default: throw unknown("\(path).\(k)")
            }
        }
        guard sawChannel, !step.what.isEmpty else { throw FieldError(message: "'\(path)' needs a channel and a what") }
        guard first || step.day != nil else {
            throw FieldError(message: "'\(path)' needs a day (after the first attempt)")
        }
        return step
    }
}
