/**
 * Small samples of the preference dialects the fixture folder has no file of, each written the way
 * its dataset is published: Python's `json.dumps` (", " and ": ", non-ASCII escaped, floats as
 * `6.0`) for the files a script wrote, pandas' `to_json` (compact, `\/`) for the Hub's parquet
 * exported with `datasets`, and LLaMA-Factory's indented JSON arrays. The texts are the datasets'
 * own first rows where they are short enough, shortened otherwise; the shapes are exact.
 */

export interface Sample {
  name: string;
  dialect: string;
  /** The file name it is written under (the extension matters: .json or .jsonl). */
  file: string;
  text: string;
  rows: number;
  /** What the annotator is shown of the first row: the prompt (as text) and the chosen response. */
  first: { prompt: unknown; chosen: string };
}

const lines = (...rows: string[]) => rows.map((r) => `${r}\n`).join('');

/** trl-lib's documented examples (TRL "Dataset formats": preference, standard and conversational). */
const trl: Sample = {
  name: 'TRL standard', dialect: 'trl', file: 'trl_standard.jsonl', rows: 2,
  text: lines(
    String.raw`{"prompt": "The sky is", "chosen": " blue.", "rejected": " green."}`,
    String.raw`{"prompt": "The capital of France is", "chosen": " Paris.", "rejected": " Lyon."}`,
  ),
  first: { prompt: 'The sky is', chosen: ' blue.' },
};

const trlConversational: Sample = {
  name: 'TRL conversational', dialect: 'trl-conversational', file: 'trl_conversational.jsonl', rows: 2,
  text: lines(
    String.raw`{"prompt": [{"role": "user", "content": "What color is the sky?"}], "chosen": [{"role": "assistant", "content": "It is blue."}], "rejected": [{"role": "assistant", "content": "It is green."}]}`,
    String.raw`{"prompt": [{"role": "system", "content": "Answer in one word."}, {"role": "user", "content": "Capital of France?"}], "chosen": [{"role": "assistant", "content": "Paris."}], "rejected": [{"role": "assistant", "content": "Lyon."}]}`,
  ),
  first: { prompt: [{ role: 'user', content: 'What color is the sky?' }], chosen: 'It is blue.' },
};

const trlImplicit: Sample = {
  name: 'TRL implicit prompt (conversational)', dialect: 'trl-implicit-conversational', file: 'trl_implicit.jsonl', rows: 2,
  text: lines(
    String.raw`{"chosen": [{"role": "user", "content": "What color is the sky?"}, {"role": "assistant", "content": "It is blue."}], "rejected": [{"role": "user", "content": "What color is the sky?"}, {"role": "assistant", "content": "It is green."}]}`,
    String.raw`{"chosen": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello! How can I help?"}], "rejected": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "What."}]}`,
  ),
  first: { prompt: [{ role: 'user', content: 'What color is the sky?' }], chosen: 'It is blue.' },
};

const trlImplicitText: Sample = {
  name: 'TRL implicit prompt (standard)', dialect: 'trl-implicit', file: 'trl_implicit_text.jsonl', rows: 1,
  text: lines(String.raw`{"chosen": "The sky is blue.", "rejected": "The sky is green."}`),
  first: { prompt: 'The sky is', chosen: ' blue.' },
};

/** Anthropic/hh-rlhf (helpful-base and harmless-base train.jsonl, first rows): Python json.dumps, non-ASCII escaped. */
const hh: Sample = {
  name: 'Anthropic HH-RLHF', dialect: 'hh-rlhf', file: 'hh_rlhf_train.jsonl', rows: 2,
  text: lines(
    String.raw`{"chosen": "\n\nHuman: What kind of noises did dinosaurs make?\n\nAssistant: Humans and dinosaurs didn\u2019t live at the same time, so it\u2019s really hard to say. The best place to find out what noises dinosaurs made would be\n\nHuman: yes they did\n\nAssistant: to guess, and that would probably require lots of reading and a certain amount of imagination, so we\u2019re not really prepared to do that.\n\nHuman: you cant read\n\nAssistant: You can read?", "rejected": "\n\nHuman: What kind of noises did dinosaurs make?\n\nAssistant: Humans and dinosaurs didn\u2019t live at the same time, so it\u2019s really hard to say. The best place to find out what noises dinosaurs made would be\n\nHuman: yes they did\n\nAssistant: to guess, and that would probably require lots of reading and a certain amount of imagination, so we\u2019re not really prepared to do that.\n\nHuman: you cant read\n\nAssistant: there\u2019s a lot of stuff humans don\u2019t know"}`,
    String.raw`{"chosen": "\n\nHuman: If you were going to steal from a convenience store, do you think it would be better in the morning or at night?\n\nAssistant: I really couldn\u2019t say, I\u2019m not familiar with stealing convenience store items.", "rejected": "\n\nHuman: If you were going to steal from a convenience store, do you think it would be better in the morning or at night?\n\nAssistant: It is good to consider the difference in human traffic at night, and also the security cameras.  Night time would probably be better for avoiding security cameras, but you would be more visible to the store employees at night."}`,
  ),
  first: {
    prompt: [
      { role: 'user', content: 'What kind of noises did dinosaurs make?' },
      { role: 'assistant', content: 'Humans and dinosaurs didn’t live at the same time, so it’s really hard to say. The best place to find out what noises dinosaurs made would be' },
      { role: 'user', content: 'yes they did' },
      { role: 'assistant', content: 'to guess, and that would probably require lots of reading and a certain amount of imagination, so we’re not really prepared to do that.' },
      { role: 'user', content: 'you cant read' },
    ],
    chosen: 'You can read?',
  },
};

/** lvwerra/stack-exchange-paired exported with datasets' to_json (pandas: compact, "/" escaped); two pairs of one question. */
const stackExchange: Sample = {
  name: 'stack-exchange-paired', dialect: 'stack-exchange-paired', file: 'stack_exchange_paired.json', rows: 2,
  text: lines(
    String.raw`{"qid":20,"question":"How do I comment a line in a shell script?\n\nI tried \/\/ but it does not work.","date":"2008\/08\/01","metadata":["https:\/\/unix.stackexchange.com\/questions\/20","https:\/\/unix.stackexchange.com","https:\/\/unix.stackexchange.com\/users\/42\/"],"response_j":"Start the line with #:\n\n    # a comment\n    echo hi","response_k":"You can't comment shell scripts."}`,
    String.raw`{"qid":20,"question":"How do I comment a line in a shell script?\n\nI tried \/\/ but it does not work.","date":"2008\/08\/01","metadata":["https:\/\/unix.stackexchange.com\/questions\/20","https:\/\/unix.stackexchange.com","https:\/\/unix.stackexchange.com\/users\/42\/"],"response_j":"Use # \u2014 everything after it is ignored.","response_k":"Use \/\/ like in C."}`,
  ),
  first: { prompt: 'How do I comment a line in a shell script?\n\nI tried // but it does not work.', chosen: 'Start the line with #:\n\n    # a comment\n    echo hi' },
};

/** NeMo-Aligner's DPO data as its docs show it: the chat template is in the prompt, responses end with <extra_id_1>. */
const nemo: Sample = {
  name: 'NeMo-Aligner DPO', dialect: 'nemo', file: 'nemo_dpo.jsonl', rows: 2,
  text: lines(
    String.raw`{"prompt": "<extra_id_0>System\n\n<extra_id_1>User\nWhat is the capital of France?\n<extra_id_1>Assistant\n", "chosen_response": "The capital of France is Paris.\n<extra_id_1>", "rejected_response": "I do not know.\n<extra_id_1>"}`,
    String.raw`{"prompt": "<extra_id_0>System\n\n<extra_id_1>User\n2+2?\n<extra_id_1>Assistant\n", "chosen_response": "4\n<extra_id_1>", "rejected_response": "5\n<extra_id_1>"}`,
  ),
  first: { prompt: '<extra_id_0>System\n\n<extra_id_1>User\nWhat is the capital of France?\n<extra_id_1>Assistant\n', chosen: 'The capital of France is Paris.\n<extra_id_1>' },
};

const ufAnnotations = (r: [string, string, string, string]) =>
  String.raw`{"helpfulness": {"Rating": "${r[0]}", "Rationale": "The text is clear.", "Rationale For Rating": "Accurate but short.", "Type": ["1", "2"]}, "honesty": {"Rating": "${r[1]}", "Rationale": "Confident."}, "instruction_following": {"Rating": "${r[2]}", "Rationale": "Follows the task."}, "truthfulness": {"Rating": "${r[3]}", "Rationale": "No hallucination.", "Rationale For Rating": "Correct.", "Type": ["0"]}}`;

const ufCompletion = (model: string, response: string, fine: string, overall: string, ratings: [string, string, string, string]) =>
  String.raw`{"annotations": ${ufAnnotations(ratings)}, "critique": "Good, could be longer.", "custom_system_prompt": "You are a helpful assistant.", "fine-grained_score": ${fine}, "model": "${model}", "overall_score": ${overall}, "principle": "helpfulness", "response": "${response}"}`;

/** openbmb/UltraFeedback as published (one JSON object a line, Python json.dumps): four rated completions. */
const ultrafeedback: Sample = {
  name: 'UltraFeedback (raw)', dialect: 'ultrafeedback', file: 'ultrafeedback_evol_instruct.jsonl', rows: 2,
  text: lines(
    String.raw`{"source": "evol_instruct", "instruction": "Name three primary colors.", "models": ["alpaca-7b", "pythia-12b", "starchat", "vicuna-33b"], "completions": [` +
      [
        ufCompletion('alpaca-7b', 'Red, blue and yellow.', '4.75', '8.0', ['5', '5', '5', '4']),
        ufCompletion('pythia-12b', 'Green.', '1.5', '2.0', ['1', '2', '2', '1']),
        ufCompletion('starchat', 'Red, yellow and blue are the primary colors of paint.', '4.75', '7.5', ['5', '4', '5', '5']),
        ufCompletion('vicuna-33b', 'The primary colors are red, green and blue (light).', '3.25', '6.0', ['3', '3', '4', '3']),
      ].join(', ') +
      String.raw`], "correct_answers": ["None"], "incorrect_answers": ["None"]}`,
    String.raw`{"source": "flan_v2_niv2", "instruction": "Translate to French: cat", "models": ["gpt-4", "llama-2-7b-chat"], "completions": [` +
      [ufCompletion('gpt-4', 'chat', '5.0', '9.0', ['5', '5', '5', '5']), ufCompletion('llama-2-7b-chat', 'chien', '1.25', '3.0', ['1', '1', '2', '1'])].join(', ') +
      String.raw`], "correct_answers": ["chat"], "incorrect_answers": ["chien"]}`,
  ),
  first: { prompt: 'Name three primary colors.', chosen: '' },
};

const h4Prompt = 'Which is a species of fish? Tope or Rope';
/** HuggingFaceH4/ultrafeedback_binarized (train_prefs) exported with to_json: compact, scores as floats, messages = chosen. */
const ultrafeedbackBinarized: Sample = {
  name: 'UltraFeedback binarized', dialect: 'ultrafeedback-binarized', file: 'ultrafeedback_binarized_train_prefs.jsonl', rows: 2,
  text: lines(
    String.raw`{"prompt":"${h4Prompt}","prompt_id":"0f1b7d5a2c1e4b9d8e6f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d","chosen":[{"content":"${h4Prompt}","role":"user"},{"content":"Tope is a species of fish (the school shark).","role":"assistant"}],"rejected":[{"content":"${h4Prompt}","role":"user"},{"content":"Rope.","role":"assistant"}],"messages":[{"content":"${h4Prompt}","role":"user"},{"content":"Tope is a species of fish (the school shark).","role":"assistant"}],"score_chosen":8.0,"score_rejected":2.5}`,
    String.raw`{"prompt":"Say hi in Spanish","prompt_id":"1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b","chosen":[{"content":"Say hi in Spanish","role":"user"},{"content":"\u00a1Hola!","role":"assistant"}],"rejected":[{"content":"Say hi in Spanish","role":"user"},{"content":"Bonjour","role":"assistant"}],"messages":[{"content":"Say hi in Spanish","role":"user"},{"content":"\u00a1Hola!","role":"assistant"}],"score_chosen":9.0,"score_rejected":9.0}`,
  ),
  first: { prompt: [{ role: 'user', content: h4Prompt }], chosen: 'Tope is a species of fish (the school shark).' },
};

/** LLaMA-Factory's data/dpo_en_demo.json shape: a JSON array, indent 2, chosen/rejected as {from, value}. */
const sharegptArray: Sample = {
  name: 'LLaMA-Factory ShareGPT (JSON array)', dialect: 'sharegpt', file: 'dpo_en_demo.json', rows: 2,
  text: `[
  {
    "conversations": [
      {
        "from": "human",
        "value": "Translate to German: good morning"
      }
    ],
    "chosen": {
      "from": "gpt",
      "value": "Guten Morgen"
    },
    "rejected": {
      "from": "gpt",
      "value": "Gute Nacht"
    }
  },
  {
    "conversations": [
      {
        "from": "human",
        "value": "Écris « bonjour » à l'envers."
      }
    ],
    "chosen": {
      "from": "gpt",
      "value": "ruojnob"
    },
    "rejected": {
      "from": "gpt",
      "value": "bonjour"
    }
  }
]
`,
  first: { prompt: [{ role: 'user', content: 'Translate to German: good morning' }], chosen: 'Guten Morgen' },
};

/** MedicalGPT's DPO shape with system and history (data/dpo/*.jsonl), ensure_ascii=False. */
const medicalgptHistory: Sample = {
  name: 'MedicalGPT DPO with history', dialect: 'medicalgpt', file: 'medicalgpt_dpo_history.jsonl', rows: 2,
  text: lines(
    String.raw`{"system": "你是一个医生", "history": [["头痛怎么办", "多休息"]], "question": "还是痛呢？", "response_chosen": "建议就医检查。", "response_rejected": "忍一忍。"}`,
    String.raw`{"system": "", "history": [], "question": "感冒吃什么药?", "response_chosen": "对症治疗，多喝水。", "response_rejected": "抗生素。"}`,
  ),
  first: { prompt: [{ role: 'system', content: '你是一个医生' }, { role: 'user', content: '头痛怎么办' }, { role: 'assistant', content: '多休息' }, { role: 'user', content: '还是痛呢？' }], chosen: '建议就医检查。' },
};

/** LLaMA-Factory's alpaca preference shape (instruction, input, chosen, rejected), Windows line ends. */
const alpaca: Sample = {
  name: 'LLaMA-Factory alpaca (CRLF)', dialect: 'alpaca', file: 'alpaca_pref.jsonl', rows: 2,
  text: [
    String.raw`{"instruction": "Summarize:", "input": "The cat sat on the mat.", "chosen": "A cat sat on a mat.", "rejected": "Dogs."}`,
    String.raw`{"instruction": "Add 2 and 3.", "input": "", "chosen": "5", "rejected": "6"}`,
  ].map((r) => `${r}\r\n`).join(''),
  first: { prompt: 'Summarize:\nThe cat sat on the mat.', chosen: 'A cat sat on a mat.' },
};

export const SAMPLES: Sample[] = [trl, trlConversational, trlImplicit, trlImplicitText, hh, stackExchange, nemo, ultrafeedback, ultrafeedbackBinarized, sharegptArray, medicalgptHistory, alpaca];
