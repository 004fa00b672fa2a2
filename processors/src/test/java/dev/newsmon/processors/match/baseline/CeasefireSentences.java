package dev.newsmon.processors.match.baseline;

import java.util.List;

/**
 * Sentences about ceasefire negotiations, written for these benchmarks (not taken from any
 * article), mixed into generated articles so that the default watchlist has something to find.
 */
final class CeasefireSentences {
  private CeasefireSentences() {}

  static final List<String> ALL =
      List.of(
          "Negotiators in Riyadh discussed a 30-day ceasefire that would begin once both capitals"
              + " signed the text.",
          "Moscow again insisted that any truce must come with a halt to Western arms deliveries"
              + " to Kyiv.",
          "The Kremlin wants foreign intelligence sharing with Ukraine to stop during the pause.",
          "Officials in Kyiv said a full and unconditional ceasefire was the only acceptable"
              + " starting point.",
          "Both sides floated a narrower pause limited to strikes on energy infrastructure.",
          "Diplomats said attacks on critical infrastructure such as power plants would be the"
              + " first to end.",
          "European governments are weighing whether to send peacekeepers to monitor a future"
              + " line of contact.",
          "Russian officials rejected any deployment of NATO troops as peacekeeping forces.",
          "Ukraine's president repeated that his country needs firm security guarantees before"
              + " it signs anything.",
          "Moscow said Ukraine must give up its hopes of NATO membership for good.",
          "The Russian side also demanded recognition of its annexation of four regions.",
          "Kyiv ruled out territorial concessions and said it would never cede occupied land.",
          "A Russian diplomat spoke of the root causes of the conflict and of Western expansion.",
          "The Kremlin called for the demilitarisation of Ukraine and limits on the size of its"
              + " army.",
          "Russian commentators argued that Ukraine should halt mobilisation while talks go on.",
          "Some in Moscow suggested new elections in Ukraine before any final settlement.",
          "Relief from sanctions on banks and fertiliser exports was part of the Russian wish"
              + " list.",
          "Washington promised continued military aid if Moscow refused the proposal.",
          "The American secretary of state said the ball was now in Russia's court.",
          "Analysts noted that a ceasefire at sea in the Black Sea was also on the agenda.",
          "Lawmakers in Kyiv warned that a cease-fire without guarantees would only let Russia"
              + " regroup.",
          "The two presidents spoke by phone for more than two hours on Tuesday.",
          "Aides described the call as constructive but said no date was set for a summit.",
          "Fighting continued along the front even as envoys met in the Gulf.",
          "Prisoner exchanges were announced as a goodwill gesture by both sides.");
}
