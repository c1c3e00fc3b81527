package connector

import (
	"context"
	"testing"

	"github.com/infracloudio/msbotbuilder-go/core"
	"github.com/infracloudio/msbotbuilder-go/core/activity"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

// TestThroughAdapter wires the Client into msbotbuilder-go's adapter the
// way the HTTP handler will, and checks the reply reaches the connector.
func TestThroughAdapter(t *testing.T) {
	e := newEnv(t, nil)
	a, err := core.NewBotAdapter(core.AdapterSetting{AppID: testAppID, AppPassword: testSecret})
	if err != nil {
		t.Fatalf("NewBotAdapter: %v", err)
	}
	a.(*core.BotFrameworkAdapter).Client = e.client

	incoming := realReply()
	incoming.ServiceURL = e.conn.srv.URL + "/emea/"
	incoming.ID = "1:incoming"
	h := activity.HandlerFuncs{OnMessageFunc: func(turn *activity.TurnContext) (schema.Activity, error) {
		return turn.SendActivity(activity.MsgOptionText("pong"))
	}}
	if err := a.ProcessActivity(context.Background(), incoming, h); err != nil {
		t.Fatalf("ProcessActivity: %v", err)
	}
	r := e.conn.requests()[0]
	if r.method != "POST" || r.path != "/emea/v3/conversations/a:1/activities" || r.auth != "Bearer tok-1" {
		t.Errorf("request = %s %s auth %q, want POST to the conversation with tok-1", r.method, r.path, r.auth)
	}
	checkNoEmpty(t, "$", decodeJSON(t, r.body))
}
