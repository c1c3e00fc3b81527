package policy

// Tool is a public generative-AI tool the bot knows by name even when the inventory
// does not list it, so that "Can I use Claude?" gets "not approved" (6.1, 8) rather
// than "which tool?".
type Tool struct {
	Name    string
	Vendor  string
	Aliases []string
	// Media marks tools whose main output is images, video or audio (5.1.6).
	Media bool
}

// Catalogue is the built-in list of common public GenAI tools. Inventory names and
// aliases win over it: a tool the inventory lists is judged by the inventory.
var Catalogue = []Tool{
	{Name: "ChatGPT", Vendor: "OpenAI", Aliases: []string{"chat gpt", "openai", "gpt-4", "gpt-4o", "gpt-5"}},
	{Name: "Google Gemini", Vendor: "Google", Aliases: []string{"gemini", "bard", "google bard", "gemini advanced"}},
	{Name: "Claude", Vendor: "Anthropic", Aliases: []string{"claude ai", "anthropic"}},
	{Name: "Microsoft Copilot", Vendor: "Microsoft", Aliases: []string{"copilot", "copilot chat", "bing chat", "microsoft copilot chat"}},
	// Products that share a brand are distinct products (6.1 approves one system, not
	// a brand): the longer name wins over the brand's short alias in the inventory.
	{Name: "Microsoft 365 Copilot", Vendor: "Microsoft", Aliases: []string{"m365 copilot", "copilot 365", "copilot m365", "copilot pour microsoft 365", "copilot for microsoft 365", "copilot dans word", "copilot in word", "copilot dans outlook", "copilot in outlook"}},
	{Name: "GitHub Copilot", Vendor: "GitHub", Aliases: []string{"github copilot", "copilot github", "copilot de github"}},
	{Name: "Microsoft Copilot Studio", Vendor: "Microsoft", Aliases: []string{"copilot studio"}},
	{Name: "Gemini for Google Workspace", Vendor: "Google", Aliases: []string{"gemini in workspace", "gemini dans workspace", "gemini pour workspace", "gemini for workspace", "gemini in gmail", "gemini dans gmail", "gemini in google docs", "gemini dans google docs", "google workspace gemini"}},
	{Name: "DeepL", Vendor: "DeepL", Aliases: []string{"deepl translator", "deepl traducteur"}},
	{Name: "DeepL Write", Vendor: "DeepL", Aliases: []string{"deepl write"}},
	{Name: "Antidote", Vendor: "Druide informatique", Aliases: []string{"antidote ai", "antidote 12", "antidote 11"}},
	{Name: "Perplexity", Vendor: "Perplexity AI", Aliases: []string{"perplexity ai"}},
	{Name: "Mistral Le Chat", Vendor: "Mistral AI", Aliases: []string{"mistral", "le chat mistral", "mistral le chat", "mistral ai"}},
	{Name: "DeepSeek", Vendor: "DeepSeek", Aliases: []string{"deep seek"}},
	{Name: "Grok", Vendor: "xAI", Aliases: []string{"grok ai"}},
	{Name: "Meta AI", Vendor: "Meta", Aliases: []string{"meta ai", "meta llama"}},
	{Name: "Midjourney", Vendor: "Midjourney", Aliases: []string{"mid journey"}, Media: true},
	{Name: "DALL-E", Vendor: "OpenAI", Aliases: []string{"dall e", "dalle", "dall-e 3"}, Media: true},
	{Name: "Stable Diffusion", Vendor: "Stability AI", Aliases: []string{"stability ai", "dreamstudio"}, Media: true},
	{Name: "Adobe Firefly", Vendor: "Adobe", Aliases: []string{"firefly"}, Media: true},
	{Name: "Suno", Vendor: "Suno", Aliases: []string{"suno ai"}, Media: true},
	{Name: "Canva Magic Studio", Vendor: "Canva", Aliases: []string{"canva", "canva ai", "canva magic", "magic studio", "canva magic studio", "magic write"}},
	{Name: "Gamma", Vendor: "Gamma", Aliases: []string{"gamma app", "gamma ai"}},
	{Name: "Grammarly", Vendor: "Grammarly", Aliases: []string{"grammarly go"}},
	{Name: "QuillBot", Vendor: "QuillBot", Aliases: []string{"quill bot"}},
	{Name: "NotebookLM", Vendor: "Google", Aliases: []string{"notebook lm", "google notebooklm"}},
	{Name: "Khanmigo", Vendor: "Khan Academy", Aliases: []string{"khan migo"}},
	{Name: "MagicSchool", Vendor: "MagicSchool AI", Aliases: []string{"magic school", "magicschool ai"}},
	{Name: "Brisk", Vendor: "Brisk Teaching", Aliases: []string{"brisk teaching", "brisk ai"}},
	{Name: "Curipod", Vendor: "Curipod", Aliases: []string{"curi pod"}},
	{Name: "Diffit", Vendor: "Diffit", Aliases: []string{"diffit ai"}},
	{Name: "Character.AI", Vendor: "Character Technologies", Aliases: []string{"character ai"}},
	{Name: "Runway", Vendor: "Runway", Aliases: []string{"runway ml", "runwayml"}, Media: true},
	{Name: "ElevenLabs", Vendor: "ElevenLabs", Aliases: []string{"eleven labs"}, Media: true},
}
