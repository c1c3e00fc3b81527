package connector

import (
	"context"
	"errors"
	"testing"
)

func TestGetMember(t *testing.T) {
	tests := []struct {
		name      string
		reply     reply
		wantEmail string
		wantErr   error
	}{
		{"found", reply{status: 200, body: `{"id":"29:u","name":"N","aadObjectId":"aad","email":"n@example.org","userPrincipalName":"n@example.org","tenantId":"t"}`}, "n@example.org", nil},
		{"not a member", reply{status: 404, body: `{"error":{"code":"MemberNotFoundInConversation"}}`}, "", ErrStatus},
		{"no id", reply{status: 200, body: `{}`}, "", ErrResponse},
		{"not JSON", reply{status: 200, body: `<html>`}, "", ErrResponse},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, nil)
			e.conn.script(tc.reply)
			m, err := e.client.GetMember(context.Background(), e.conn.srv.URL+"/amer/", "a:1;x", "29:u")
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("error = %v, want %v", err, tc.wantErr)
			}
			if err == nil && m.Email != tc.wantEmail {
				t.Errorf("email = %q, want %q", m.Email, tc.wantEmail)
			}
			r := e.conn.requests()[0]
			if r.method != "GET" || r.path != "/amer/v3/conversations/a:1%3Bx/members/29:u" {
				t.Errorf("request = %s %s", r.method, r.path)
			}
		})
	}
}
