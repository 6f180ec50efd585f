/// The words and code the workload is written with.
///
/// `ordinary` is drawn with Zipf weights (earlier words are more frequent), as in real
/// prose. `common` and `rare` words never occur in `ordinary` or in the code snippets, so
/// how often they occur is set by the workload alone and the search benchmark knows what
/// it is asking for.
enum Vocabulary {
    static let common = ["system", "memory"]

    static let rare = [
        "zanzibar", "quetzal", "marzipan", "ocelot", "xylophone", "kumquat",
        "zeppelin", "narwhal", "bandicoot", "tamarind", "obsidian", "gondola",
    ]

    static let ordinary: [String] = """
        the to and of a in is it you that for on with this be can as are if or not your \
        have by at from will but an use do we so what should there which more one how they \
        when about also like just some then make time would need them first other these into \
        data file only new out way get any want could each work example set \
        value user code list run change test build error check case query table server \
        question answer idea plan thing people day week year month morning evening today \
        help call write read send keep start stop open close move try look find give take \
        know think feel mean seem show tell ask leave put bring begin turn follow learn \
        good small large long short high low early late easy hard simple clear quick slow \
        better best different same important possible likely common usual recent next last \
        project team meeting review release deadline budget report customer service product \
        feature issue ticket branch commit merge deploy version update config setting option \
        function method class struct protocol module package library framework compiler type \
        string number array index field record row column schema migration backup replica \
        network request response latency cache disk folder path directory terminal shell \
        window screen keyboard mouse editor browser page link image video audio music song \
        story chapter poem character scene draft novel writer reader word sentence paragraph \
        recipe dinner lunch breakfast coffee tea bread garden plant flower tree walk swim \
        bike trip travel hotel flight train city village mountain river lake beach forest \
        weather rain snow sun wind summer winter spring autumn holiday weekend birthday gift \
        family friend partner child parent brother sister neighbour doctor teacher student \
        health sleep exercise habit goal progress energy mood stress rest focus attention \
        money price cost payment account bank savings rent house room kitchen door \
        light colour green blue red yellow black white warm cold quiet loud bright dark \
        apple orange lemon tomato onion garlic pepper salt sugar butter cheese rice pasta \
        soup salad chicken fish egg milk water juice wine beer cake cookie chocolate \
        careful honest gentle curious patient kind brave calm happy tired busy ready sure \
        although while before after during until since unless whether either neither \
        really quite rather almost always never often sometimes usually already still even \
        maybe perhaps probably certainly actually basically generally finally simply exactly
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Fenced code blocks for answers; `NAME` is replaced by an ordinary word.
    static let codeSnippets = [
        """
        ```swift
        func NAME(_ items: [Int]) -> Int {
            var total = 0
            for item in items where item > 0 {
                total += item
            }
            return total
        }
        ```
        """,
        """
        ```python
        def NAME(rows):
            result = {}
            for row in rows:
                key = row.get("id")
                result.setdefault(key, []).append(row)
            return result
        ```
        """,
        """
        ```sql
        SELECT id, title, created_at
        FROM NAME
        WHERE created_at > date('now', '-7 days')
        ORDER BY created_at DESC
        LIMIT 20;
        ```
        """,
        """
        ```bash
        set -euo pipefail
        for f in ./NAME/*.log; do
          grep -c "ERROR" "$f" || true
        done | sort -n | tail -5
        ```
        """,
        """
        ```json
        {
          "name": "NAME",
          "enabled": true,
          "retries": 3,
          "timeout_ms": 2500
        }
        ```
        """,
        """
        ```javascript
        async function NAME(url) {
          const response = await fetch(url, { headers: { Accept: "application/json" } });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json();
        }
        ```
        """,
    ]
}
