package dev.candor.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each kind of exported message becomes in the timeline. */
class ExportTranslatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String C = "C05INC";
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  final ExportTranslator translator = new ExportTranslator("pushpin");

  List<Observation> observe(String json) throws Exception {
    JsonNode m = JSON.readTree(json.replace('\'', '"'));
    return translator.observe(C, m, NOW);
  }

  static String line(Observation o) {
    return o.kind() + " " + o.key() + " ts=" + o.ts() + " thread=" + o.threadTs() + " actor=" + o.actor() + " text="
        + o.text() + " ref=" + o.refTs() + " detail=" + o.detail();
  }

  List<String> lines(String json) throws Exception {
    List<Observation> observed = observe(json);
    observed.forEach(o -> assertEquals(Source.EXPORT, o.source()));
    return observed.stream().map(ExportTranslatorTest::line).toList();
  }

  @Test
  void aPlainMessage_isOneMessageEntry() throws Exception {
    assertEquals(List.of("MESSAGE msg:C05INC:100.000001 ts=100.000001 thread=null actor=U1 text=hello ref=null detail="),
        lines("{'type':'message','user':'U1','ts':'100.000001','text':'hello'}"));
  }

  @Test
  void anEditedMessage_keepsItsFinalWords_andAnEditEntrySaysWhenAndByWhom() throws Exception {
    assertEquals(List.of(
            "MESSAGE msg:C05INC:100.000001 ts=100.000001 thread=null actor=U1 text=final words ref=null detail=",
            "EDIT " + ObservationKeys.edit(C, "100.000001", "160.000002") + " ts=160.000002 thread=null actor=U1 text= "
                + "ref=100.000001 detail=" + ExportTranslator.EDIT_DETAIL),
        lines("{'type':'message','user':'U1','ts':'100.000001','text':'final words',"
            + "'edited':{'user':'U1','ts':'160.000002'}}"));
  }

  @Test
  void pinsAndKeyReactions_markTheMessage_otherEmojiDoNot() throws Exception {
    assertEquals(List.of(
            "MESSAGE msg:C05INC:100.000001 ts=100.000001 thread=null actor=U1 text=rollback done ref=null detail=",
            "PIN_ADDED mark:C05INC:100.000001:pin: ts=100.000001 thread=null actor= text= ref=100.000001 detail=",
            "REACTION_ADDED mark:C05INC:100.000001:reaction:U2 ts=100.000001 thread=null actor=U2 text= "
                + "ref=100.000001 detail=pushpin",
            "REACTION_ADDED mark:C05INC:100.000001:reaction:U3 ts=100.000001 thread=null actor=U3 text= "
                + "ref=100.000001 detail=pushpin"),
        lines("{'type':'message','user':'U1','ts':'100.000001','text':'rollback done','pinned_to':['C05INC','C0OTHER'],"
            + "'reactions':[{'name':'eyes','users':['U4'],'count':1},{'name':'pushpin','users':['U2','U3'],'count':2}]}"));
  }

  @Test
  void aPinInAnotherChannel_isNotAPinHere() throws Exception {
    assertEquals(1, observe("{'type':'message','user':'U1','ts':'1.000001','text':'x','pinned_to':['C0OTHER']}").size());
  }

  @Test
  void joins_areMembersJoining_withWhoAddedThem() throws Exception {
    assertEquals(List.of("MEMBER_JOINED msg:C05INC:100.000001 ts=100.000001 thread=null actor=U2 text= ref=null detail=U1"),
        lines("{'type':'message','subtype':'channel_join','user':'U2','inviter':'U1','ts':'100.000001',"
            + "'text':'<@U2> has joined the channel'}"));
    assertEquals(EntryKind.MEMBER_JOINED,
        observe("{'type':'message','subtype':'group_join','user':'U2','ts':'1.000001','text':''}").get(0).kind());
  }

  @Test
  void aTombstone_isTheDeletedThreadParent_withoutWordsOrAuthor() throws Exception {
    assertEquals(List.of("MESSAGE msg:C05INC:100.000001 ts=100.000001 thread=null actor= text= ref=null detail="
            + ExportTranslator.TOMBSTONE_DETAIL),
        lines("{'type':'message','subtype':'tombstone','user':'USLACKBOT','hidden':true,'ts':'100.000001',"
            + "'thread_ts':'100.000001','text':'This message was deleted.','reply_count':2}"));
  }

  @Test
  void botAlertsRepliesAndFiles_readAsLiveHistoryIs() throws Exception {
    assertEquals(List.of("MESSAGE msg:C05INC:100.000001 ts=100.000001 thread=null actor=B1 text=[FIRING] p99 high "
            + "ref=null detail=bot_message bot"),
        lines("{'type':'message','subtype':'bot_message','bot_id':'B1','username':'Alertmanager','ts':'100.000001',"
            + "'text':'','attachments':[{'fallback':'[FIRING] p99 high'}]}"));
    assertEquals(List.of("MESSAGE msg:C05INC:101.000001 ts=101.000001 thread=100.000001 actor=U1 text=graph "
            + "ref=null detail=files: pg.png"),
        lines("{'type':'message','user':'U1','ts':'101.000001','thread_ts':'100.000001','text':'graph',"
            + "'files':[{'id':'F1','name':'pg.png'}]}"));
  }

  @Test
  void whatTheTimelineDoesNotKeep_givesNothing() throws Exception {
    assertEquals(List.of(), observe("{'type':'message','subtype':'channel_topic','user':'U1','ts':'1.000001','text':'t'}"));
    assertEquals(List.of(), observe("{'type':'message','user':'U1','text':'no ts'}"));
  }
}
