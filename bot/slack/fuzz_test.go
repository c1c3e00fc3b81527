package slack

import (
	"encoding/json"
	"net/url"
	"testing"
)

// FuzzDecodePayload feeds arbitrary bytes to every decoder of what Slack sends (an
// Events API envelope and its event, an interactivity payload, a slash command's form):
// each either refuses the input or converts it, and none panics.
func FuzzDecodePayload(f *testing.F) {
	f.Add([]byte(`{"type":"event_callback","event_id":"Ev1","authorizations":[{"user_id":"UBOT"}],"event":{"type":"app_mention","user":"U1","text":"<@UBOT> Puis-je utiliser ChatGPT ?","ts":"1.2","channel":"C1"}}`))
	f.Add([]byte(`{"type":"event_callback","event":{"type":"message","channel_type":"im","user":"U1","text":"aide &amp; &lt;b&gt;","channel":"D1"}}`))
	f.Add([]byte(`{"type":"block_actions","user":{"id":"U1"},"container":{"message_ts":"1.2","channel_id":"C1"},"actions":[{"action_id":"review.approve#0","type":"button","value":"review.approve|7:1:codir_review"}],"state":{"values":{"b":{"comment":{"type":"plain_text_input","value":"ok"}}}}}`))
	f.Add([]byte(`command=%2Fiag&text=demande&user_id=U1&channel_id=C1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx`))
	f.Add([]byte(`{"event":[1,2,3]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var env envelope
		if json.Unmarshal(body, &env) == nil {
			inboundFromEvent(env, env.Event)
		}
		var p interaction
		if json.Unmarshal(body, &p) == nil {
			inboundFromAction(p)
		}
		if form, err := url.ParseQuery(string(body)); err == nil {
			commandText(form.Get("text"))
		}
	})
}
