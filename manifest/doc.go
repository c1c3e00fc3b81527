// Package manifest holds iagbot's app manifests for Microsoft Teams and Slack and turns
// them into what each platform's admin uploads:
//
//   - teams/: the Teams app manifest template (schema v1.22, French by default, English in
//     en.json) with its icons; PackageTeams writes the app package (.zip) with the bot's
//     Microsoft App ID filled in.
//   - slack/manifest.yaml: the Slack app manifest; SlackManifest and SlackManifestFor
//     return it for pasting into api.slack.com.
//
// The icons are drawn by ./internal/icongen; regenerate them after changing it.
package manifest

//go:generate go run ./internal/icongen -out teams
