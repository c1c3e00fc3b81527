package main

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// slackRoutes serve the Slack Web API under slackAPIURL and the response_url of the
// clicks. Every method answers ok; the ones that post into a channel mark the reply
// for that channel.
func (f *fakes) slackRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /slack/api/{method}", f.slackMethod)
	mux.HandleFunc("POST /slack/response/{key}", func(w http.ResponseWriter, r *http.Request) {
		f.count("slack response_url")
		readBody(r)
		f.slack.arrived(r.PathValue("key"))
		writeJSON(w, map[string]bool{"ok": true})
	})
}

func (f *fakes) slackMethod(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	f.count("slack " + method)
	args := slackArgs(r)
	if r.Header.Get("Authorization") != "Bearer "+slackToken && args["token"] != slackToken {
		f.count("slack " + method + " not_authed")
		writeJSON(w, map[string]any{"ok": false, "error": "not_authed"})
		return
	}
	ch := args["channel"]
	ts := strconv.FormatInt(time.Now().Unix(), 10) + "." + strconv.FormatInt(100000+f.seq.Add(1), 10)
	var out map[string]any
	switch method {
	case "chat.postMessage", "chat.update", "chat.postEphemeral":
		f.slack.arrived(ch)
		if t := args["ts"]; t != "" {
			ts = t // chat.update keeps the message's ts
		}
		out = map[string]any{"channel": ch, "ts": ts, "message_ts": ts,
			"message": map[string]any{"type": "message", "ts": ts, "text": args["text"]}}
	case "users.info":
		out = map[string]any{"user": slackUser(args["user"])}
	case "conversations.open":
		out = map[string]any{"channel": map[string]any{"id": "D" + strings.TrimPrefix(args["users"], "U")}}
	case "views.publish":
		out = map[string]any{"view": map[string]any{"id": "V" + ts, "type": "home"}}
	case "auth.test":
		out = map[string]any{"url": "https://cssdgs-load.slack.com/", "team": "CSSDGS", "user": "iagbot",
			"team_id": "T0LOAD", "user_id": "U0BOT", "bot_id": "B0BOT"}
	case "bots.info":
		out = map[string]any{"bot": map[string]any{"id": "B0BOT", "app_id": "A0LOAD", "user_id": "U0BOT"}}
	default:
		out = map[string]any{}
	}
	out["ok"] = true
	writeJSON(w, out)
}

// slackArgs reads a Web API call's arguments, sent as a form or as JSON.
func slackArgs(r *http.Request) map[string]string {
	args := map[string]string{}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
		var m map[string]any
		json.Unmarshal(readBody(r), &m)
		for k, v := range m {
			if s, ok := v.(string); ok {
				args[k] = s
			}
		}
		return args
	}
	r.ParseForm()
	for k := range r.Form {
		args[k] = r.Form.Get(k)
	}
	return args
}

// slackUser is the profile users.info returns; the e-mail is derived from the id so
// each simulated person has one.
func slackUser(id string) map[string]any {
	u := strings.ToLower(id)
	return map[string]any{"id": id, "team_id": "T0LOAD", "name": u, "real_name": "Load " + u,
		"tz": "America/Toronto", "locale": "fr-CA", "is_bot": false,
		"profile": map[string]any{"email": u + "@load.example.org", "real_name": "Load " + u, "display_name": u}}
}
