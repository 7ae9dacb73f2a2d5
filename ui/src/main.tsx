import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { selectPlatform } from "./platform";
import "./styles/app.css";

void selectPlatform().then((platform) => {
  createRoot(document.getElementById("root")!).render(<App platform={platform} />);
});
