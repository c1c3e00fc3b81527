package main

import (
	"cmp"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// connectorRoutes serve the Bot Connector under serviceURL ("/teams/"): activities
// sent, replied to, updated and deleted; conversations created; members looked up.
// Every call must carry the token of the fake token endpoint.
func (f *fakes) connectorRoutes(mux *http.ServeMux) {
	const p = "/teams/v3/conversations"
	mux.HandleFunc("POST "+p+"/{conv}/activities", f.activity)
	mux.HandleFunc("POST "+p+"/{conv}/activities/{reply}", f.activity)
	mux.HandleFunc("PUT "+p+"/{conv}/activities/{id}", f.activity)
	mux.HandleFunc("DELETE "+p+"/{conv}/activities/{id}", f.authed("connector delete", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	mux.HandleFunc("POST "+p, f.authed("connector create conversation", func(w http.ResponseWriter, r *http.Request) {
		n := strconv.FormatInt(f.seq.Add(1), 10)
		writeJSON(w, map[string]string{"id": "a:created-" + n, "activityId": "act-" + n, "serviceUrl": f.serviceURL()})
	}))
	mux.HandleFunc("GET "+p+"/{conv}/members/{member}", f.authed("connector member", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, teamsMember(r.PathValue("member")))
	}))
	mux.HandleFunc("GET "+p+"/{conv}/members", f.authed("connector members", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, []map[string]string{teamsMember(strings.TrimPrefix(r.PathValue("conv"), "a:"))})
	}))
}

// authed refuses calls without the fake token, as the real connector does, so that a
// bot that forgets to authenticate fails the benchmark instead of passing it.
func (f *fakes) authed(name string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.count(name)
		if r.Header.Get("Authorization") != "Bearer "+fakeToken {
			f.count(name + " unauthorized")
			http.Error(w, `{"error":{"code":"Unauthorized"}}`, http.StatusUnauthorized)
			return
		}
		h(w, r)
	}
}

// activity receives what the bot sends into a conversation. A message (or an update
// of one) is the reply the Teams scenario waits for; typing indicators are not.
func (f *fakes) activity(w http.ResponseWriter, r *http.Request) {
	kind := "connector " + strings.ToLower(r.Method) + " activity"
	f.authed(kind, func(w http.ResponseWriter, r *http.Request) {
		var a struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(readBody(r), &a) != nil {
			f.count(kind + " not JSON")
			http.Error(w, `{"error":{"code":"BadArgument"}}`, http.StatusBadRequest)
			return
		}
		if a.Type == "message" {
			// A reply is keyed by the activity it answers; a new message by its conversation.
			f.teams.arrived(cmp.Or(r.PathValue("reply"), r.PathValue("conv")))
		}
		id := r.PathValue("id")
		if id == "" {
			id = "act-" + strconv.FormatInt(f.seq.Add(1), 10)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"id":"` + id + `"}`))
	})(w, r)
}

// teamsMember is the profile the connector returns for a member id; the e-mail is
// derived from the id so each simulated person has one.
func teamsMember(id string) map[string]string {
	u := strings.ToLower(strings.TrimPrefix(id, "29:"))
	return map[string]string{"id": id, "name": "Load " + u, "aadObjectId": u,
		"email": u + "@load.example.org", "userPrincipalName": u + "@load.example.org", "tenantId": tenantID}
}
