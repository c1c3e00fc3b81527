// Package inventory is the CSSDGS inventory of generative-AI systems (procedure 30-02,
// art. 6.1): a taxonomy of uses shared by all systems, and for each system the uses that
// are permitted, restricted (with conditions) or forbidden.
//
// The inventory is exchanged as a YAML file, the contract below. Parse reads it and
// reports every problem with its line number; WriteYAML writes a file that Parse reads
// back unchanged; WriteCSV and WriteMarkdown publish it as tables.
//
//	version: 1                     # required, always 1
//	uses:                          # the usage taxonomy shared by all systems
//	  - id: summary                # required: lower-case letters, digits, "-" or "_"
//	    label: {fr: "Synthèse", en: "Summary"}          # required, both languages
//	    keywords:                  # at least one: words or phrases that signal the use;
//	      fr: ["résumer", "synthèse"]                   # inflections match too (stemming)
//	      en: ["summarize", "summary"]
//	    automated_decision: false  # optional: supports or makes a decision about a person (5.1.11)
//	    media: false               # optional: generates images, video or audio (5.1.6)
//	    disclosure: {fr: "la synthèse", en: "summarizing"}  # optional: fills the 5.1.7 wording
//	systems:
//	  - id: copilot-chat           # required, same form as a use id
//	    name: "Microsoft Copilot Chat"                  # required
//	    aliases: ["copilot", "copilot chat"]            # optional; compared without case,
//	                               # accents, spaces or hyphens, unique across systems
//	    kind: public               # required: public (3.9) | private (3.8, privé sécurisé)
//	    open: false                # optional (3.7)
//	    specialized: false         # optional (3.10)
//	    vendor: "Microsoft"        # optional
//	    hosting: canada            # required: quebec | canada | foreign (5.1.12)
//	    status: approved           # required: approved | suspended | withdrawn
//	    status_reason: "…"         # optional: why suspended or withdrawn
//	    efvp: {done: 2026-05-01, next_review: 2027-05-01}  # optional (6.3.2), YYYY-MM-DD;
//	                               # planned: YYYY-MM-DD for an EFVP not done yet
//	    permitted: [summary]       # use ids
//	    restricted:                # use ids with their conditions, both languages
//	      - use: parent-communication
//	        conditions: {fr: "…", en: "…"}
//	    forbidden: [grading]       # use ids
//	    effective:                 # optional: listed uses not yet in effect
//	      - {use: summary, from: 2027-01-12, training_by: 2027-01-07}
//
// A use appears at most once per system. A use an approved system does not list is
// forbidden on it (6.1: any use outside the authorised types is forbidden). A use
// under effective answers at most restricted before its from date, until its
// training_by day has passed (7) and while the system's EFVP is only planned (6.3.2).
package inventory
