package teams

import (
	"testing"

	"github.com/cssdgs/iagbot/bot"
)

// FuzzDecodeActivity feeds arbitrary bodies to the activity decoder and everything the
// handler derives from an activity: none of it may panic.
func FuzzDecodeActivity(f *testing.F) {
	f.Add([]byte(`{"type":"message","id":"1","text":"<at>iagbot</at> aide","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/","from":{"id":"29:1","aadObjectId":"a"},"conversation":{"id":"19:c","conversationType":"channel"},"recipient":{"id":"28:bot"},"entities":[{"type":"mention","text":"<at>iagbot</at>","mentioned":{"id":"28:bot"}}]}`))
	f.Add([]byte(`{"type":"message","value":{"verb":"review.approve","subject":"7","comment":"ok"},"replyToId":"x"}`))
	f.Add([]byte(`{"type":"conversationUpdate","membersAdded":[{"id":"28:bot"}],"channelData":{"tenant":{"id":"t"}},"entities":[{"type":"clientInfo","locale":"fr-CA"}]}`))
	f.Add([]byte(`{"value":[1,2],"entities":{"a":1}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := decode(body)
		if err != nil {
			return
		}
		_ = in.tenantID()
		_ = in.locale()
		_ = in.group()
		_ = in.ref(bot.User{ID: "u"})
		_ = action(in)
		_ = botAdded(in)
	})
}
