// The candidate chat page: feedback, data categories, requests and the chat, in English or Chinese.
// Everything comes from /c/<token>/api/…; text is inserted with textContent only (never innerHTML).
"use strict";

const STRINGS = {
  en: {
    skip: "Skip to the chat", title: "Your interview feedback", loading: "Loading your feedback…",
    feedbackTitle: "Your feedback", chatTitle: "Ask about your result", suggestionsLabel: "Suggested questions",
    chatLog: "Conversation", inputLabel: "Your question", inputPlaceholder: "e.g. Why didn't I pass?", send: "Send",
    dataTitle: "What data the AI interview used",
    dataNote: "Your gender, age and other personal characteristics are never used to score you. Face analysis is used only with your consent.",
    rightsTitle: "Your choices",
    rightsText: "You can ask a person to review the decision, or ask us to delete your interview recordings. Staff handle each request and you will see its status here.",
    reviewButton: "Ask for a human review", deleteButton: "Delete my recordings",
    suggestions: ["Why didn't I pass?", "What should I practise?", "When can I apply again?", "What data did you use?"],
    noFeedback: "Your feedback is not ready yet: a person reads and approves every letter before you see it. Please come back in a few days.",
    noInterview: "There is no decided interview for you yet.",
    interviewOn: (role, day) => `${role} — interview on ${day}`,
    gap: (name, score, required) => `${name}: your score ${score}, required ${required}`,
    missing: (skills) => `Skills the role requires that your application did not show: ${skills}`,
    reapply: (day) => `You can apply again from ${day}.`,
    answers: (n) => `Transcripts of your ${n} answers`, noTranscripts: "No transcripts",
    speech: "Speech timing (pace, pauses)", recordings: "Your audio/video recordings",
    faceUsed: "Face analysis: used, with your consent (expression and presence only)",
    faceNo: "Face analysis: not used", faceNoConsent: "Face analysis: not used (you did not consent)",
    application: "The skills and past roles in your application",
    request: { human_review: "Human review", delete_recordings: "Deletion of recordings" },
    status: { open: "open", in_progress: "in progress", done: "done", declined: "declined" },
    opened: (day) => `opened ${day}`, you: "You", assistant: "Candor", thinking: "Thinking…",
    failed: "Sorry, that did not work. Please try again.",
  },
  zh: {
    skip: "跳到对话", title: "您的面试反馈", loading: "正在加载您的反馈…",
    feedbackTitle: "您的反馈", chatTitle: "询问您的结果", suggestionsLabel: "推荐问题",
    chatLog: "对话", inputLabel: "您的问题", inputPlaceholder: "例如：为什么我没通过？", send: "发送",
    dataTitle: "AI 面试使用了哪些数据",
    dataNote: "您的性别、年龄等个人特征从不用于评分。面部分析仅在您同意的情况下使用。",
    rightsTitle: "您的选择",
    rightsText: "您可以申请由工作人员人工复核结果，或要求删除您的面试录制内容。每个申请都有工作人员处理，进度会显示在这里。",
    reviewButton: "申请人工复核", deleteButton: "删除我的录音录像",
    suggestions: ["为什么我没通过？", "我哪里需要提高？", "我什么时候可以再申请？", "你们用了我的哪些数据？"],
    noFeedback: "您的反馈还没有准备好：每封反馈信都会先由工作人员审阅批准。请过几天再来查看。",
    noInterview: "您目前还没有已得出结论的面试。",
    interviewOn: (role, day) => `${role} — ${day} 面试`,
    gap: (name, score, required) => `${name}：您的得分 ${score}，要求 ${required}`,
    missing: (skills) => `岗位要求、但您的申请中没有体现的技能：${skills}`,
    reapply: (day) => `您可以从 ${day} 起再次申请。`,
    answers: (n) => `您 ${n} 个回答的文字记录`, noTranscripts: "没有文字记录",
    speech: "语音节奏（语速、停顿）", recordings: "您的音视频录制",
    faceUsed: "面部分析：已在您同意的前提下使用（仅表情和是否在镜头前）",
    faceNo: "面部分析：未使用", faceNoConsent: "面部分析：未使用（您没有同意）",
    application: "您申请中填写的技能和过往职位",
    request: { human_review: "人工复核", delete_recordings: "删除录制内容" },
    status: { open: "待处理", in_progress: "处理中", done: "已完成", declined: "已拒绝" },
    opened: (day) => `${day} 提交`, you: "您", assistant: "Candor", thinking: "正在思考…",
    failed: "抱歉，操作没有成功，请重试。",
  },
};

const base = window.location.pathname.replace(/\/+$/, "");
let lang = document.documentElement.lang === "zh" ? "zh" : "en";
let pageData = null;
let conversationId = null;

const $ = (id) => document.getElementById(id);
const t = () => STRINGS[lang];

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function num(x) { return Number.isInteger(x) ? String(x) : String(Math.round(x * 10) / 10); }
function bi(value) { return (value && (value[lang] || value.en || value.zh)) || ""; }
function errorText(body) {
  const d = body && body.detail;
  return (d && typeof d === "object" && (d[lang] || d.en)) || t().failed;
}

async function api(path, options) {
  const response = await fetch(base + "/api" + path, {
    headers: { "Content-Type": "application/json" }, credentials: "same-origin", ...options });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(errorText(body));
  return body;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t()[node.dataset.i18n];
  for (const node of document.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t()[node.dataset.i18nLabel]);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t()[node.dataset.i18nPlaceholder];
  for (const button of document.querySelectorAll("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  document.title = t().title;
  const suggestions = $("suggestions");
  suggestions.replaceChildren(...t().suggestions.map((q) => {
    const button = el("button", q);
    button.type = "button";
    button.addEventListener("click", () => ask(q));
    return button;
  }));
  if (pageData) render();
}

function renderFeedback() {
  const box = $("feedback-body");
  const fb = pageData.feedback;
  if (!fb.has_feedback) {
    box.replaceChildren(el("p", fb.in_preparation ? t().noFeedback : t().noInterview, "empty"));
    return;
  }
  box.replaceChildren(...fb.feedback.map((f) => {
    const article = el("article", null, "letter-card");
    article.append(el("h3", t().interviewOn(bi(f.role_name), f.interviewed_on)));
    if (f.below_minimum.length) {
      const list = el("ul", null, "gaps");
      for (const g of f.below_minimum) list.append(el("li", t().gap(bi(g.name), num(g.score), num(g.required))));
      article.append(list);
    }
    if (f.missing_skills.length) article.append(el("p", t().missing(f.missing_skills.map(bi).join(lang === "zh" ? "、" : ", "))));
    const letter = richText(f.body);
    letter.className = "letter";
    letter.lang = f.language;
    article.append(letter);
    if (f.reapply_after) article.append(el("p", t().reapply(f.reapply_after), "meta"));
    return article;
  }));
}

function renderData() {
  const d = pageData.data;
  const items = [];
  for (const i of d.interviews) {
    const li = el("li");
    li.append(el("strong", t().interviewOn(bi(i.role_name), i.interviewed_on)));
    const parts = el("ul");
    parts.append(el("li", i.transcripts ? t().answers(i.answers) : t().noTranscripts));
    if (i.speech_timing) parts.append(el("li", t().speech));
    if (i.recordings) parts.append(el("li", t().recordings));
    parts.append(el("li", i.face_analysis ? t().faceUsed : (d.face_consent ? t().faceNo : t().faceNoConsent)));
    li.append(parts);
    items.push(li);
  }
  if (d.application_skills) items.push(el("li", t().application));
  $("data-list").replaceChildren(...items);
  const open = new Set(d.requests.filter((r) => r.status === "open" || r.status === "in_progress").map((r) => r.kind));
  for (const button of document.querySelectorAll("[data-kind]")) button.disabled = open.has(button.dataset.kind);
  $("request-list").replaceChildren(...d.requests.map((r) => el("li",
    `${t().request[r.kind] || r.kind} (${t().opened(r.created_on.slice(0, 10))}): ${t().status[r.status] || r.status}` +
    (r.resolution ? ` — ${r.resolution}` : ""))));
}

function render() { renderFeedback(); renderData(); }

async function load() {
  try {
    pageData = await api("/me");
    $("page-status").textContent = "";
    render();
  } catch (err) {
    $("page-status").textContent = err.message;
  }
}

// Answers and letters use a little markdown: "- " bullets (indented ones nest) and **bold**. Built as DOM
// nodes, never as HTML.
function richText(text) {
  const box = el("div");
  let list = null;
  let inner = null;
  for (const line of text.split("\n")) {
    const bullet = line.match(/^(\s*)-\s+/);
    if (!line.trim()) { list = inner = null; continue; }
    const node = el(bullet ? "li" : "p");
    line.replace(/^\s*-\s+/, "").split("**").forEach((part, i) => node.append(i % 2 ? el("strong", part) : part));
    if (!bullet) {
      list = inner = null;
      box.append(node);
    } else if (bullet[1].length >= 2 && list && list.lastChild) {
      inner = inner || list.lastChild.appendChild(el("ul"));
      inner.append(node);
    } else {
      list = list || box.appendChild(el("ul"));
      inner = null;
      list.append(node);
    }
  }
  return box;
}

function say(who, content) {
  const li = el("li", null, who);
  li.append(el("span", who === "you" ? t().you : t().assistant, "meta"));
  li.append(typeof content === "string" ? el("p", content) : content);
  $("chat-log").append(li);
  li.scrollIntoView({ block: "nearest" });
  return li;
}

async function ask(question) {
  question = (question || "").trim();
  if (!question) return;
  const send = $("chat-send");
  send.disabled = true;
  say("you", question);
  const pending = say("assistant", t().thinking);
  pending.setAttribute("aria-busy", "true");
  try {
    const reply = await api("/chat", { method: "POST", body: JSON.stringify({ message: question, conversation_id: conversationId }) });
    conversationId = reply.conversation_id;
    pending.lastChild.replaceWith(richText(reply.answer));
    pending.dataset.answered = "true";
    if (/review|delet|复核|删除/i.test(question)) load();
  } catch (err) {
    pending.lastChild.textContent = err.message;
  } finally {
    pending.removeAttribute("aria-busy");
    send.disabled = false;
  }
}

async function makeRequest(kind) {
  const status = $("request-status");
  try {
    const reply = await api("/requests", { method: "POST", body: JSON.stringify({ kind, language: lang }) });
    status.textContent = reply.message;
    await load();
  } catch (err) {
    status.textContent = err.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => { lang = button.dataset.lang; applyLanguage(); });
  }
  for (const button of document.querySelectorAll("[data-kind]")) {
    button.addEventListener("click", () => makeRequest(button.dataset.kind));
  }
  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("chat-input");
    const question = input.value;
    input.value = "";
    ask(question);
  });
  applyLanguage();
  load();
});
